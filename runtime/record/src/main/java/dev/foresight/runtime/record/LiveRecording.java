package dev.foresight.runtime.record;

import dev.foresight.config.RecordingConfig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.agent.Agent;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.AgentTerminationException;
import dev.foresight.runtime.agent.SleepingIdleStrategy;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventDraft;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Severity;
import dev.foresight.runtime.lifecycle.ShutdownSequence;
import dev.foresight.runtime.trust.TrustStage;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.loop.TickQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a running robot: a {@link Phase#RECORD} tap hands every tick to the recorder agent
 * ({@code foresight-recorder}, parked 2 ms whenever the tap is empty) through a bounded queue (the control thread never waits; when the recorder falls behind, ticks
 * are dropped and counted), the thread writes ticks and safety events with a {@link Recorder},
 * writes a chunk at least every {@code recording.flush_interval_s} (so a crash loses at most that
 * much of real time), and writes its counters to {@code /recorder} once a second. On shutdown (the robot's
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
  private final AgentRunner runner;
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
    // Real time (the runner's default clock): the flush interval bounds what a crash loses.
    this.runner = AgentRunner.builder(new RecorderAgent())
        .idle(new SleepingIdleStrategy(IDLE_PARK_NS))
        .closeTimeoutMs(STOP_WAIT_MS)
        .build();
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
    r.runner.start();
    return r;
  }

  /** Attaches the tap and opens the file, without starting the recorder thread (tests: {@link #startThread}). */
  static LiveRecording attach(Robot robot, Path file, String version) throws IOException {
    RecordingConfig config = robot.config().recording();
    TickQueue queue = robot.loop().addTap(Phase.RECORD, config.queueTicks(), 1);
    RecordingLayout layout = RecordingLayout.of(robot.config(), robot.io().rawNames(), robot.loop().plan().planSize());
    // The predictions are the loop's own (the trust stage's, in each frame): one prediction stream.
    TrustStage trust = robot.loop().trust();
    PredictionSource predictor = config.predict() && trust.predicts()
        ? new PredictionSource(trust.label(), trust.members()) : null;
    long epochNsAtZero = robot.clock().epochMillis() * 1_000_000L - robot.clock().nanoTime();
    Map<String, String> run = new LinkedHashMap<>(RunMetadata.of(robot.loaded(), robot.simulation(), version,
        Instant.ofEpochMilli(robot.clock().epochMillis())));
    run.put(RunMetadata.CLOCK_EPOCH_NS_AT_ZERO, Long.toString(epochNsAtZero));
    Recorder recorder = Recorder.create(file, layout, run, predictor, epochNsAtZero, Recorder.writerOptions(config));
    LiveRecording r = new LiveRecording(robot, recorder, queue, file, Math.round(config.flushIntervalS() * 1e9));
    robot.shutdown().register(ShutdownSequence.Stage.FLUSH, "recording " + file.getFileName(), r::stop);
    return r;
  }

  /** Starts the recorder thread of an {@link #attach}ed recording. */
  void startThread() {
    runner.start();
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

  /**
   * Writes what is queued, closes the file cleanly and stops the thread (on the calling thread when
   * it never started). Idempotent.
   */
  public void stop(String reason) {
    endReason = reason;
    runner.close();
  }

  /** The recorder thread's work: ticks and events into the file, status and chunks on time. */
  private final class RecorderAgent implements Agent {

    private static final long UNSET = Long.MIN_VALUE;

    private final TickQueue.Consumer writeTick = this::tick;
    private final Consumer<Event> writeEvent = this::event;
    private long lastStatusNs = UNSET;
    private long lastFlushNs = UNSET;

    @Override
    public int doWork(long nowNs) {
      if (lastStatusNs == UNSET) {
        lastStatusNs = nowNs;
        lastFlushNs = nowNs;
      }
      try {
        int n = queue.drain(writeTick, DRAIN_LIMIT);
        events.poll(writeEvent, DRAIN_LIMIT);
        if (nowNs - lastStatusNs >= STATUS_INTERVAL_NS) {
          lastStatusNs = nowNs;
          recorder.status(lastLoopNs(), queue.dropped(), queue.size(), events.lost());
        }
        if (nowNs - lastFlushNs >= flushIntervalNs) {
          lastFlushNs = nowNs;
          recorder.flush();
        }
        written = recorder.ticks();
        return n;
      } catch (IOException | RuntimeException e) {
        fail(e);
        throw new AgentTerminationException("recording failed");
      }
    }

    /** The loop has stopped (the FLUSH stage runs after STOP_LOOP): writes everything still queued. */
    @Override
    public void onClose() {
      if (failed) return;
      try {
        while (queue.drain(writeTick, DRAIN_LIMIT) > 0) { }
        events.poll(writeEvent, Integer.MAX_VALUE);
        written = recorder.ticks();
        recorder.status(lastLoopNs(), queue.dropped(), 0, events.lost());
        recorder.close(queue.dropped(), events.lost(), endReason);
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
    }

    @Override
    public String roleName() {
      return "foresight-recorder";
    }

    /** A full disk, a removed card, a failing prediction model: the recording ends, the robot does not. */
    private void fail(Exception e) {
      failed = true;
      LOG.error("recording {} stopped: {}; the robot runs on without recording", file, e.toString());
      // An event too (MQTT, the dashboard, the alerts see it); the recorder thread's own draft, made once.
      robot.events().emit(new EventDraft().begin(lastLoopNs(), Severity.ERROR, EventKind.RECORDING_STOPPED,
          Cause.RECORDING).subject(file.toString()).detail(e.toString()));
      try {
        recorder.close();
      } catch (IOException | RuntimeException again) {
        LOG.debug("closing {} after the error failed too: {}", file, again.toString());
      }
    }

    private void tick(TickFrame f) {
      try {
        recorder.tick(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void event(Event e) {
      try {
        recorder.event(e);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }
  }

  private long lastLoopNs() {
    long t = robot.loop().lastTickNs();
    return t == Long.MIN_VALUE ? 0 : t;
  }
}
