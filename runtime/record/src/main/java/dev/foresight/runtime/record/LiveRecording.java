package dev.foresight.runtime.record;

import dev.foresight.config.RecordingConfig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.lifecycle.ShutdownSequence;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a running robot: a {@link Phase#RECORD} tap hands every tick to a recorder thread
 * through a bounded queue (the control thread never waits; when the recorder falls behind, ticks
 * are dropped and counted), the thread writes ticks and safety events with a {@link Recorder},
 * writes a chunk at least every {@code recording.flush_interval_s} (so a crash loses at most that
 * much), and writes its counters to {@code /recorder} once a second. On shutdown (the robot's
 * {@code FLUSH} stage) it writes what is queued and closes the file cleanly.
 *
 * <p>A failing disk never reaches the control loop: the recorder logs one error, closes what it
 * can and stops recording; the robot runs on.
 *
 * <pre>{@code
 * Robot robot = Robot.assemble(loaded);
 * LiveRecording recording = LiveRecording.start(robot, "foresight 0.1.0");   // before robot.start
 * robot.start(durationNs);
 * }</pre>
 */
public final class LiveRecording {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRecording.class);
  private static final int DRAIN_LIMIT = 512;
  private static final long STATUS_INTERVAL_NS = 1_000_000_000L;
  private static final long IDLE_PARK_NS = 2_000_000L;
  /** How long stopping waits for the recorder (the shutdown sequence gives each step at most 2 s). */
  private static final long STOP_WAIT_MS = 1_900;

  private final Recorder recorder;
  private final TickQueue queue;
  private final EventLog.Subscription events;
  private final Robot robot;
  private final Path file;
  private final long flushIntervalNs;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean failed;
  private volatile long written;
  private volatile String endReason = "end of run";

  private LiveRecording(Robot robot, Recorder recorder, TickQueue queue, Path file, long flushIntervalNs) {
    this.robot = robot;
    this.recorder = recorder;
    this.queue = queue;
    this.events = robot.events().subscribeFromOldest();
    this.file = file;
    this.flushIntervalNs = flushIntervalNs;
    this.thread = Thread.ofPlatform().name("foresight-recorder").daemon(true).unstarted(this::run);
  }

  /**
   * Starts recording {@code robot} into a new file in its {@code recording.dir}
   * ({@code <robot-id>-<UTC time>.mcap}); call after assembling, before {@code robot.start}.
   *
   * @param version the Foresight version for the file's metadata
   * @throws IOException when the folder or file cannot be created
   */
  public static LiveRecording start(Robot robot, String version) throws IOException {
    RecordingConfig config = robot.config().recording();
    Path dir = Path.of(config.dir());
    Files.createDirectories(dir);
    Instant now = Instant.ofEpochMilli(robot.clock().epochMillis());
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
    Path file = dir.resolve(robot.config().robot().id() + "-" + stamp + ".mcap");
    for (int n = 2; Files.exists(file); n++) file = dir.resolve(robot.config().robot().id() + "-" + stamp + "-" + n + ".mcap");
    return start(robot, file, version);
  }

  /** Starts recording {@code robot} into {@code file}. */
  public static LiveRecording start(Robot robot, Path file, String version) throws IOException {
    LiveRecording r = attach(robot, file, version);
    r.thread.start();
    return r;
  }

  /** Attaches the tap and opens the file, without starting the recorder thread (tests: {@link #startThread}). */
  static LiveRecording attach(Robot robot, Path file, String version) throws IOException {
    RecordingConfig config = robot.config().recording();
    TickQueue queue = robot.loop().addTap(Phase.RECORD, config.queueTicks(), 1);
    RecordingLayout layout = RecordingLayout.of(robot.config(), robot.io().rawNames(), robot.loop().plan().planSize());
    NextStatePredictor predictor = config.predict() ? Predictors.forRobot(robot.loaded()).orElse(null) : null;
    long epochNsAtZero = robot.clock().epochMillis() * 1_000_000L - robot.clock().nanoTime();
    Recorder recorder = Recorder.create(file,
        layout, RunMetadata.of(robot.loaded(), robot.simulation(), version, Instant.ofEpochMilli(robot.clock().epochMillis())),
        predictor, epochNsAtZero, Recorder.writerOptions(config));
    LiveRecording r = new LiveRecording(robot, recorder, queue, file, Math.round(config.flushIntervalS() * 1e9));
    robot.shutdown().register(ShutdownSequence.Stage.FLUSH, "recording " + file.getFileName(), r::stop);
    return r;
  }

  /** Starts the recorder thread of an {@link #attach}ed recording. */
  void startThread() {
    thread.start();
  }

  /** The file being written. */
  public Path file() {
    return file;
  }

  /** Ticks written so far. */
  public long ticksWritten() {
    return written;
  }

  /** Ticks handed to the recorder and not dropped: what the file holds once the recorder has caught up. */
  public long ticksRecorded() {
    return queue.offered() - queue.dropped();
  }

  /** Ticks dropped because the recorder fell behind. */
  public long ticksDropped() {
    return queue.dropped();
  }

  /** Whether recording stopped on an I/O error. */
  public boolean failed() {
    return failed;
  }

  /** Writes what is queued, closes the file cleanly and stops the thread. Idempotent. */
  public void stop(String reason) throws InterruptedException {
    endReason = reason;
    stopping = true;
    if (!thread.isAlive() && thread.getState() == Thread.State.NEW) thread.start();
    LockSupport.unpark(thread);
    thread.join(STOP_WAIT_MS);
    if (thread.isAlive()) LOG.warn("recording {}: the recorder thread did not finish in time", file);
  }

  private void run() {
    long lastStatus = System.nanoTime();
    long lastFlush = lastStatus;
    try {
      while (!stopping) {
        int n = queue.drain(this::tick, DRAIN_LIMIT);
        events.poll(e -> {
          try {
            recorder.event(e);
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        }, DRAIN_LIMIT);
        long now = System.nanoTime();
        if (now - lastStatus >= STATUS_INTERVAL_NS) {
          lastStatus = now;
          recorder.status(lastLoopNs(), queue.dropped(), queue.size(), events.lost());
        }
        if (now - lastFlush >= flushIntervalNs) {
          lastFlush = now;
          recorder.flush();
        }
        written = recorder.ticks();
        if (n == 0) LockSupport.parkNanos(IDLE_PARK_NS);
      }
      // The loop has stopped (the FLUSH stage runs after STOP_LOOP): write everything still queued.
      while (queue.drain(this::tick, DRAIN_LIMIT) > 0) { }
      events.poll(e -> {
        try {
          recorder.event(e);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      }, Integer.MAX_VALUE);
      written = recorder.ticks();
      recorder.status(lastLoopNs(), queue.dropped(), 0, events.lost());
      recorder.close(queue.dropped(), events.lost(), endReason);
    } catch (IOException | RuntimeException e) {
      // A full disk, a removed card, a failing prediction model: the recording ends, the robot does not.
      failed = true;
      LOG.error("recording {} stopped: {}; the robot runs on without recording", file, e.toString());
      try {
        recorder.close();
      } catch (IOException | RuntimeException again) {
        LOG.debug("closing {} after the error failed too: {}", file, again.toString());
      }
    }
  }

  private void tick(dev.foresight.runtime.loop.TickFrame f) {
    try {
      recorder.tick(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long lastLoopNs() {
    long t = robot.loop().lastTickNs();
    return t == Long.MIN_VALUE ? 0 : t;
  }
}
