package dev.foresight.runtime.replay;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.models.control.Adjustable;
import dev.foresight.models.control.Controller;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.world.WorldModel;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.loop.Adjustments;
import dev.foresight.runtime.loop.ControlLoop;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.mcap.McapWriter;
import dev.foresight.runtime.plan.PlannerAssembly;
import dev.foresight.runtime.record.PredictionSource;
import dev.foresight.runtime.record.Recorder;
import dev.foresight.runtime.record.RecordingLayout;
import dev.foresight.runtime.record.RunMetadata;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.trust.PredictionModel;
import dev.foresight.runtime.trust.TrustStage;
import dev.foresight.config.Angles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a recorded run's inputs through the same estimator, planner and safety supervisor as the
 * run, on the recording's own clock readings, with no devices ({@link ReplayIo}), and compares each
 * tick's applied action with the recorded one.
 *
 * <p>With the recording's own config and model it is a <b>replayability check</b>: the planner gets
 * the recorded iterations per tick and the supervisor the recorded lateness ({@link ReplayClock}),
 * the mode the run was in at each tick's start is re-created where operators or other threads
 * changed it (arm, disarm, e-stop, reset), and setpoint and parameter changes are applied at their
 * tick; the actions must then agree bit for bit. With another config or model it is a
 * <b>counterfactual on real data</b>: the other controller sees the states that really followed the
 * real actions and plans with its full iterations; what it would have done is the new recording's
 * action. Either way each world model's one-step error against what really happened is measured.
 *
 * <pre>{@code
 * RecordedRun recorded = RecordedRun.read(file);
 * LogReplay.Result r = LogReplay.run(recorded, recorded.config(), true, Optional.of(out), "foresight 0.1.0");
 * r.maxActionDiff();   // {torque=0.0}
 * }</pre>
 */
public final class LogReplay {

  /** Who the supervisor's replayed commands come from, in events. */
  static final String ORIGIN = "replay";

  /**
   * One world model's one-step prediction error on the recording.
   *
   * @param name        the file name, or {@code simulator (published parameters)}
   * @param role        {@code recorded} (the run's own model) or {@code replayed} (the one given)
   * @param oneStepRmse per state variable, RMS of (next recorded state - prediction from the recorded state and
   *                    applied action), angles the short way round
   * @param transitions how many transitions it was measured on
   */
  public record ModelError(String name, String role, Map<String, Double> oneStepRmse, long transitions) {}

  /**
   * What a replay found.
   *
   * @param ticks           ticks replayed
   * @param recordedSeconds the loop time they span
   * @param check           a replayability check (the recording's config and model) rather than a counterfactual
   * @param maxActionDiff   per action variable, the largest |replayed - recorded applied action|
   * @param firstDiffTick   the first tick whose applied action differs, or -1
   * @param wallSeconds     how long the replay loop took (inputs through the code, the new recording written)
   * @param models          one-step errors of the world models involved
   * @param forcedModes     ticks at whose start the replay had to set the recorded mode (operator commands,
   *                        watchdog, e-stop from another thread)
   * @param stoppedAt       why the replay ended before the file did, if it did
   * @param out             the new recording, if written
   */
  public record Result(long ticks, double recordedSeconds, boolean check, Map<String, Double> maxActionDiff,
      long firstDiffTick, double wallSeconds, List<ModelError> models, long forcedModes, Optional<String> stoppedAt,
      Optional<Path> out) {

    /** Recorded time over replay time. */
    public double speedXRealtime() {
      return wallSeconds > 0 ? recordedSeconds / wallSeconds : Double.POSITIVE_INFINITY;
    }
  }

  private LogReplay() {}

  /**
   * Replays {@code recorded} with {@code config}.
   *
   * @param check   whether {@code config} is the recording's own (script the planner's iterations and
   *                lateness as recorded); false for a counterfactual
   * @param out     where to write the replayed run, if anywhere
   * @param version the Foresight version for the new file's metadata
   * @throws ReplayException (one line) when the config does not fit the recording or its model cannot be used
   */
  public static Result run(RecordedRun recorded, LoadedConfig config, boolean check, Optional<Path> out,
      String version) throws IOException {
    RobotConfig c = config.config();
    sameNames("state", c.stateNames(), recorded.stateNames(), recorded.file());
    sameNames("action", c.actionNames(), recorded.actionNames(), recorded.file());
    long epochNsAtZero = Long.parseLong(recorded.run().get(RunMetadata.CLOCK_EPOCH_NS_AT_ZERO));
    ReplayClock clock = new ReplayClock(epochNsAtZero);
    long periodNs = c.loop().periodNs();
    clock.tick(recorded.nowNs()[0] - periodNs);
    ReplayIo io = new ReplayIo(recorded);
    Controller controller;
    Robot robot;
    try {
      controller = PlannerAssembly.controller(config, clock.planner());
      robot = Robot.assemble(config, clock, io, controller);
    } catch (AssemblyException e) {
      throw new ReplayException(config.file() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ReplayException(config.file() + ": does not fit the recording " + recorded.file() + ": "
          + e.getMessage());
    }
    long started;
    long ended;
    Diff diff = new Diff(recorded);
    int planSize = robot.loop().plan().planSize();
    boolean scripted = check && planSize > 0;
    long budgetNs = c.loop().planBudgetNs();
    try (robot; Output output = Output.open(out, robot, recorded, config, epochNsAtZero, version)) {
      ControlLoop loop = robot.loop();
      TickQueue tap = loop.addTap(Phase.RECORD, 4, 1);
      Inputs inputs = new Inputs(recorded, robot.safety(), controller, loop.adjustments());
      loop.hook(inputs::beforeTick);
      TickQueue.Consumer consumer = f -> {
        diff.tick(f);
        output.tick(f);
      };
      int n = recorded.size();
      long[] now = recorded.nowNs();
      started = System.nanoTime();
      for (int i = 0; i < n; i++) {
        io.at(i);
        inputs.at(i);
        if (scripted) {
          clock.tick(now[i], now[i] + budgetNs, recorded.iterations()[i], recorded.late()[i]);
        } else {
          clock.tick(now[i]);
        }
        loop.doWork(now[i]);
        tap.drain(consumer, 4);
      }
      output.finish();
      ended = System.nanoTime();
      return new Result(n, recorded.seconds(), check, diff.max(), diff.firstTick, (ended - started) * 1e-9,
          List.of(), inputs.forced, recorded.stoppedAt(), out);
    }
  }

  /**
   * One-step errors of the world model of each config (the recording's and, when it names another
   * file, the replay's), on the recorded transitions.
   */
  public static List<ModelError> oneStepErrors(RecordedRun recorded, LoadedConfig replayed) {
    List<ModelError> errors = new ArrayList<>();
    String recordedSha = recorded.run().getOrDefault("model_sha256", "");
    model(recorded, recorded.config(), "recorded").ifPresent(errors::add);
    boolean other = replayed.config().model()
        .map(m -> !RunMetadata.sha256(replayed.resolve(m.file())).orElse("").equals(recordedSha))
        .orElse(false);
    if (other || (errors.isEmpty() && replayed != recorded.config())) {
      model(recorded, replayed, "replayed").ifPresent(errors::add);
    }
    return errors;
  }

  private static Optional<ModelError> model(RecordedRun recorded, LoadedConfig config, String role) {
    Optional<PredictionModel> p;
    try {
      p = PredictionModel.forRobot(config);
    } catch (ModelException e) {
      if (role.equals("recorded")) return Optional.empty();   // the run's model file is gone: nothing to measure
      throw new ReplayException("model: " + e.getMessage());
    }
    if (p.isEmpty()) return Optional.empty();
    try (PredictionModel model = p.get()) {
      WorldModel m = model.model();
      int s = recorded.stateNames().size();
      int a = recorded.actionNames().size();
      boolean[] wrapped = new boolean[s];
      List<StateVariable> vars = recorded.config().config().state();
      for (int i = 0; i < s; i++) wrapped[i] = vars.get(i).wrap();
      float[] x = new float[s];
      float[] u = new float[a];
      float[] next = new float[s];
      float[] members = new float[Math.max(1, m.members()) * s];
      double[] sq = new double[s];
      long count = 0;
      double[] states = recorded.state();
      double[] actions = recorded.applied();
      for (int t = 0; t + 1 < recorded.size(); t++) {
        boolean finite = true;
        for (int i = 0; i < s; i++) {
          x[i] = (float) states[t * s + i];
          finite &= Double.isFinite(states[t * s + i]) && Double.isFinite(states[(t + 1) * s + i]);
        }
        for (int j = 0; j < a; j++) {
          u[j] = (float) actions[t * a + j];
          finite &= Double.isFinite(actions[t * a + j]);
        }
        if (!finite) continue;
        m.step(x, u, next, members);
        for (int i = 0; i < s; i++) {
          double e = states[(t + 1) * s + i] - next[i];
          if (wrapped[i]) e = Angles.wrap(e);
          sq[i] += e * e;
        }
        count++;
      }
      Map<String, Double> rmse = new LinkedHashMap<>();
      for (int i = 0; i < s; i++) rmse.put(recorded.stateNames().get(i), count > 0 ? Math.sqrt(sq[i] / count) : Double.NaN);
      return Optional.of(new ModelError(model.label(), role, rmse, count));
    }
  }

  private static void sameNames(String what, List<String> config, List<String> recording, Path file) {
    if (!config.equals(recording)) {
      throw new ReplayException("the config's " + what + " variables " + config + " differ from the recording's "
          + recording + " (" + file + ")");
    }
  }

  /**
   * The tick hook of a replay: where operator commands acted in the run, the recorded mode at the
   * tick's start is re-created and setpoint and parameter changes applied, in the order the run had
   * them (commands first, as the command executor does).
   */
  private static final class Inputs {
    private final RecordedRun recorded;
    private final SafetySupervisor safety;
    private final Controller controller;
    private final Adjustable adjustable;
    private final Adjustments adjustments;
    private int index;
    long forced;

    Inputs(RecordedRun recorded, SafetySupervisor safety, Controller controller, Adjustments adjustments) {
      this.recorded = recorded;
      this.safety = safety;
      this.controller = controller;
      this.adjustable = controller instanceof Adjustable a ? a : null;
      this.adjustments = adjustments;
    }

    void at(int i) {
      index = i;
    }

    void beforeTick(long nowNs) {
      List<RecordedRun.Change> changes = recorded.changes().get(recorded.ticks()[index]);
      if (changes != null && adjustable != null) {
        for (RecordedRun.Change ch : changes) {
          if (ch.kind() == Adjustments.SETPOINT) {
            adjustable.setpoint(ch.index(), ch.value());
          } else {
            adjustable.parameter(ch.index(), ch.value());
          }
          adjustments.add(ch.kind(), ch.index(), ch.value());
        }
      }
      Mode want = recorded.modeAtStart()[index];
      Mode have = safety.mode();
      if (want == have) return;
      forced++;
      switch (want) {
        case ARMED -> {
          if (stopped(have)) reset();
          safety.arm(ORIGIN);
        }
        case DISARMED -> {
          if (stopped(have)) {
            reset();
          } else {
            safety.disarm(ORIGIN);
          }
        }
        case ESTOP -> safety.estop(ORIGIN, "e-stop at this tick in the recording");
        case SAFE_STOP -> safety.shutdown("safe stop at this tick in the recording");
      }
    }

    private static boolean stopped(Mode m) {
      return m == Mode.ESTOP || m == Mode.SAFE_STOP;
    }

    /** As an operator's reset does it: clear the stop, then start the controller afresh. */
    private void reset() {
      if (safety.reset(ORIGIN)) controller.reset();
    }
  }

  /** Per action variable, the largest difference between the replayed and the recorded applied action. */
  private static final class Diff {
    private final RecordedRun recorded;
    private final double[] max;
    private int index;
    long firstTick = -1;

    Diff(RecordedRun recorded) {
      this.recorded = recorded;
      this.max = new double[recorded.actionNames().size()];
    }

    void tick(TickFrame f) {
      int a = max.length;
      double[] want = recorded.applied();
      for (int j = 0; j < a; j++) {
        double r = want[index * a + j];
        double got = f.applied[j];
        double d = Double.isNaN(r) && Double.isNaN(got) ? 0 : Math.abs(got - r);
        if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
        if (d > max[j]) max[j] = d;
        if (d != 0 && firstTick < 0) firstTick = recorded.ticks()[index];
      }
      index++;
    }

    Map<String, Double> max() {
      Map<String, Double> m = new LinkedHashMap<>();
      for (int j = 0; j < max.length; j++) m.put(recorded.actionNames().get(j), max[j]);
      return m;
    }
  }

  /**
   * The new recording, or nothing. Ticks are written on a writer thread ({@code foresight-replay-writer})
   * fed through a bounded queue of frame copies that makes the replay wait rather than drop: the
   * replay and the JSON encoding run side by side.
   */
  private static final class Output implements AutoCloseable {
    private static final int FRAMES = 1024;

    private final Recorder recorder;
    private final EventLog.Subscription events;
    private final BlockingQueue<TickFrame> free;
    private final BlockingQueue<TickFrame> full;
    private final Thread writer;
    private volatile IOException failure;
    private long offered;
    private volatile long written;

    private Output(Recorder recorder, EventLog.Subscription events, TickFrame template) {
      this.recorder = recorder;
      this.events = events;
      if (recorder == null) {
        free = null;
        full = null;
        writer = null;
        return;
      }
      free = new ArrayBlockingQueue<>(FRAMES);
      full = new ArrayBlockingQueue<>(FRAMES);
      for (int i = 0; i < FRAMES; i++) free.add(TickFrame.like(template));
      writer = Thread.ofPlatform().name("foresight-replay-writer").daemon().start(this::write);
    }

    static Output open(Optional<Path> file, Robot robot, RecordedRun recorded, LoadedConfig config,
        long epochNsAtZero, String version) throws IOException {
      if (file.isEmpty()) return new Output(null, null, null);
      RecordingLayout layout = RecordingLayout.of(config.config(), robot.io().rawNames(),
          robot.loop().plan().planSize());
      TrustStage trust = robot.loop().trust();
      PredictionSource predictor = trust.predicts() ? new PredictionSource(trust.label(), trust.members()) : null;
      Map<String, String> run = new LinkedHashMap<>(RunMetadata.of(config, Optional.empty(), version,
          Instant.ofEpochMilli(Math.floorDiv(epochNsAtZero + recorded.nowNs()[0], 1_000_000L))));
      run.put(RunMetadata.CLOCK_EPOCH_NS_AT_ZERO, Long.toString(epochNsAtZero));
      run.put("replay_of", recorded.file().toString());
      run.put("replay_of_config_sha256", recorded.run().getOrDefault("config_sha256", ""));
      // Replayed ticks are written as they come: uncompressed, no fsync (the file is made again at will).
      McapWriter.Options options = new McapWriter.Options(1 << 20, false, McapWriter.Compression.NONE);
      Recorder recorder = Recorder.create(file.get(), layout, run, predictor, epochNsAtZero, options);
      return new Output(recorder, robot.events().subscribeFromOldest(), robot.loop().newFrame());
    }

    /** Replay thread: hands a copy of the tick to the writer, waiting while the writer is a queue behind. */
    void tick(TickFrame f) {
      if (recorder == null) return;
      try {
        TickFrame copy = free.take();
        copy.copyFrom(f);
        full.put(copy);
        offered++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException("replay interrupted");
      }
    }

    private void write() {
      try {
        while (true) {
          TickFrame f = full.take();
          if (f.tick < 0) return;   // end mark
          if (failure == null) {
            try {
              recorder.tick(f);
              events.poll(this::event, Integer.MAX_VALUE);
            } catch (IOException | UncheckedIOException e) {
              failure = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
            }
          }
          written++;
          free.put(f);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void event(Event e) {
      try {
        recorder.event(e);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }

    /** Replay thread: waits until the writer has written every tick handed to it. */
    void finish() throws IOException {
      if (recorder == null) return;
      try {
        TickFrame end = free.take();
        end.tick = -1;
        full.put(end);
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException("replay interrupted");
      }
      if (failure != null) throw failure;
    }

    @Override
    public void close() throws IOException {
      if (recorder == null) return;
      if (writer.isAlive()) writer.interrupt();
      try {
        events.poll(this::event, Integer.MAX_VALUE);
      } catch (UncheckedIOException e) {
        recorder.close();
        throw e.getCause();
      }
      recorder.close(0, events.lost(), "end of replay");
    }
  }
}
