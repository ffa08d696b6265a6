package dev.foresight.runtime.learn;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.eval.OpenLoop;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.WorldModel;
import dev.foresight.models.world.WorldModelContract;
import dev.foresight.models.world.WorldModelMetadata;
import dev.foresight.runtime.plan.PlantWorldModel;
import dev.foresight.sim.Plants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code foresight model eval} without the command line: for each model, the open-loop error on
 * the recorded action sequences ({@link OpenLoop}), ensemble calibration, the error on action
 * sequences the logging policy did not take (uniform random actions within the limits, with the
 * truth from the simulator started in the recorded states, with each episode's parameters), and the
 * latency of one call at batch 1 and at a planner's batch.
 */
public final class Evaluation {

  /**
   * Latency of one {@code next_state} call, microseconds.
   *
   * @param batch1Median  median at batch 1 (a recorder's prediction, a single-step check)
   * @param batch1P99     99th percentile at batch 1
   * @param batch         the planner-sized batch
   * @param batchMedian   median at that batch
   * @param batchP99      99th percentile at that batch
   */
  public record Latency(double batch1Median, double batch1P99, int batch, double batchMedian, double batchP99) {}

  /**
   * One model's results.
   *
   * @param file           the ONNX file
   * @param metadata       its metadata
   * @param bytes          file size
   * @param members        ensemble members
   * @param recorded       open-loop error on the recorded actions
   * @param counterfactual open-loop error on random actions, simulated truth (empty when not possible)
   * @param latency        call latency
   */
  public record ModelResult(Path file, WorldModelMetadata metadata, long bytes, int members, OpenLoop.Result recorded,
      Optional<OpenLoop.Result> counterfactual, Latency latency) {

    /** The file name without {@code .onnx}. */
    public String name() {
      String n = file.getFileName().toString();
      return n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }
  }

  /**
   * The evaluation.
   *
   * @param data               the recordings
   * @param horizon            steps
   * @param starts             start states on the recorded data
   * @param models             per model
   * @param counterfactualNote how the counterfactual sequences were made, or why there are none
   */
  public record Report(RecordedData data, int horizon, int starts, List<ModelResult> models, String counterfactualNote) {}

  private Evaluation() {}

  /**
   * Evaluates {@code models} on {@code data}.
   *
   * @param config           the robot config (for the counterfactual's simulator and action limits); empty:
   *                         the recordings' own config, when they name one that loads
   * @param maxStarts        at most this many start states (evenly spread)
   * @param counterfactuals  start states for the counterfactual check (0: none)
   * @param seed             seed of the random action sequences
   * @throws LearnException (one line) for a file that is not a usable ONNX model or does not match the data
   */
  public static Report run(List<Path> models, RecordedData data, int horizon, int maxStarts, Optional<LoadedConfig> config,
      int counterfactuals, long seed) {
    Starts recorded = Starts.of(data, horizon, maxStarts);
    if (recorded.n == 0) {
      throw new LearnException("no segment of the recordings is longer than the horizon (" + horizon
          + " steps); use a shorter --horizon or longer recordings");
    }
    Optional<RobotConfig> robot = config.map(LoadedConfig::config).or(() -> RecordingConfigs.load(data));
    String note;
    Starts cf = null;
    Optional<PlantTruth> truth = robot.flatMap(r -> PlantTruth.of(r, data));
    if (counterfactuals <= 0) {
      note = "not asked for (--counterfactual 0)";
    } else if (truth.isEmpty()) {
      note = "not possible: the recordings do not come from a simulated plant whose state the config's variables "
          + "cover (give --config with a sim section)";
    } else {
      cf = recorded.subsample(counterfactuals).withRandomActions(robot.get().action(), seed, truth.get());
      note = cf.n + " recorded start states, actions uniform in the action limits (seed " + seed
          + "), truth from the simulator with each episode's parameters";
    }
    List<ModelResult> results = new ArrayList<>();
    for (Path file : models) results.add(model(file, data, recorded, cf, horizon));
    return new Report(data, horizon, recorded.n, results, note);
  }

  private static ModelResult model(Path file, RecordedData data, Starts recorded, Starts cf, int horizon) {
    if (!Files.isRegularFile(file)) throw new LearnException(file + ": file not found");
    try (ModelSession session = ModelSession.open(file, SessionSettings.DEFAULT)) {
      sameVariables(file, session, "state", data.stateNames());
      sameVariables(file, session, "action", data.actionNames());
      WorldModelMetadata meta = WorldModelContract.check(session, data.stateNames(), data.actionNames(), data.dtS());
      var spec = session.spec(WorldModelContract.MEMBERS);
      int e = spec != null ? (int) spec.dim(0) : 1;
      OpenLoop.Result r = rollout(session, e, data, recorded, horizon);
      Optional<OpenLoop.Result> c = cf == null ? Optional.empty() : Optional.of(rollout(session, e, data, cf, horizon));
      Latency latency = latency(session, data.stateNames().size(), data.actionNames().size(), recorded);
      return new ModelResult(file, meta, Files.size(file), e, r, c, latency);
    } catch (ModelException e) {
      throw new LearnException(e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(file.toString()) + ": ",
          file + ": "));
    } catch (java.io.IOException e) {
      throw new LearnException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** The model's state or action variables must be the recordings' (one line naming both). */
  static void sameVariables(Path file, ModelSession session, String what, List<String> data) {
    String key = what.equals("state") ? WorldModelMetadata.KEY_STATE_NAMES : WorldModelMetadata.KEY_ACTION_NAMES;
    String names = session.metadata().get(key);
    if (names == null) return;   // the contract check names the missing key
    List<String> model = Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    if (!model.equals(data)) {
      throw new LearnException(file + ": the model's " + what + " variables " + model + " do not match the recordings' "
          + data);
    }
  }

  /**
   * The open-loop error of {@code file} on up to {@code maxStarts} start states of {@code data} over
   * {@code horizon} steps of the recorded actions: what {@link #run} measures, without latency or
   * counterfactuals (model update's gate).
   *
   * @throws LearnException (one line) for a file that is unusable or does not match the data, or data
   *                        with no segment longer than the horizon
   */
  static OpenLoop.Result openLoop(Path file, RecordedData data, int horizon, int maxStarts) {
    Starts st = Starts.of(data, horizon, maxStarts);
    if (st.n == 0) {
      throw new LearnException("no held-out segment is longer than the horizon (" + horizon + " steps); use a shorter "
          + "--horizon or longer recordings");
    }
    if (!Files.isRegularFile(file)) throw new LearnException(file + ": file not found");
    try (ModelSession session = ModelSession.open(file, SessionSettings.DEFAULT)) {
      sameVariables(file, session, "state", data.stateNames());
      sameVariables(file, session, "action", data.actionNames());
      WorldModelContract.check(session, data.stateNames(), data.actionNames(), data.dtS());
      var spec = session.spec(WorldModelContract.MEMBERS);
      return rollout(session, spec != null ? (int) spec.dim(0) : 1, data, st, horizon);
    } catch (ModelException e) {
      throw new LearnException(e.getMessage());
    }
  }

  private static OpenLoop.Result rollout(ModelSession session, int e, RecordedData data, Starts st, int horizon) {
    try (OnnxWorldModel mean = new OnnxWorldModel(session, st.n);
         OnnxWorldModel members = e > 1 ? new OnnxWorldModel(session, e * st.n) : null) {
      return OpenLoop.evaluate(mean, members, data.wrapped(), data.stateNames(), st.x0, st.actions, st.truth, st.n,
          horizon);
    }
  }

  private static Latency latency(ModelSession session, int s, int a, Starts st) {
    double[] one = time(session, 1, s, a, st, 300, 3000);
    int k = 256;
    double[] big = time(session, k, s, a, st, 30, 300);
    return new Latency(one[0], one[1], k, big[0], big[1]);
  }

  /** Median and 99th percentile of one call, microseconds. */
  private static double[] time(ModelSession session, int batch, int s, int a, Starts st, int warmup, int calls) {
    float[] x = new float[batch * s];
    float[] u = new float[batch * a];
    for (int r = 0; r < batch; r++) {
      System.arraycopy(st.x0, (r % st.n) * s, x, r * s, s);
      System.arraycopy(st.actions, (r % st.n) * a, u, r * a, a);
    }
    float[] next = new float[batch * s];
    long[] ns = new long[calls];
    try (WorldModel model = new OnnxWorldModel(session, batch)) {
      for (int i = 0; i < warmup; i++) model.step(x, u, next, null);
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        model.step(x, u, next, null);
        ns[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(ns);
    return new double[] {ns[calls / 2] / 1e3, ns[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)] / 1e3};
  }

  /** Start states with their action sequences and true trajectories, row-major as {@link OpenLoop} takes them. */
  static final class Starts {
    final int n;
    final int s;
    final int a;
    final int horizon;
    final float[] x0;
    final float[] actions;
    final float[] truth;
    final List<Map<String, Double>> parameters;

    private Starts(int n, int s, int a, int horizon, List<Map<String, Double>> parameters) {
      this.n = n;
      this.s = s;
      this.a = a;
      this.horizon = horizon;
      this.x0 = new float[n * s];
      this.actions = new float[horizon * n * a];
      this.truth = new float[horizon * n * s];
      this.parameters = parameters;
    }

    /** Every segment long enough, starts spread evenly, at most {@code max}. */
    static Starts of(RecordedData data, int horizon, int max) {
      int s = data.stateNames().size();
      int a = data.actionNames().size();
      List<int[]> where = new ArrayList<>();   // {segment, tick}
      for (int g = 0; g < data.segments().size(); g++) {
        int ticks = data.segments().get(g).ticks(s);
        for (int k = 0; k + horizon < ticks; k++) where.add(new int[] {g, k});
      }
      int n = Math.min(max, where.size());
      List<Map<String, Double>> params = new ArrayList<>();
      Starts st = new Starts(n, s, a, horizon, params);
      for (int r = 0; r < n; r++) {
        int[] w = where.get((int) ((long) r * where.size() / n));
        RecordedData.Segment seg = data.segments().get(w[0]);
        params.add(seg.parameters());
        for (int i = 0; i < s; i++) st.x0[r * s + i] = (float) seg.states()[w[1] * s + i];
        for (int t = 0; t < horizon; t++) {
          for (int j = 0; j < a; j++) st.actions[(t * n + r) * a + j] = (float) seg.actions()[(w[1] + t) * a + j];
          for (int i = 0; i < s; i++) st.truth[(t * n + r) * s + i] = (float) seg.states()[(w[1] + t + 1) * s + i];
        }
      }
      return st;
    }

    /** Up to {@code max} of these starts, spread evenly (their recorded actions and truth). */
    Starts subsample(int max) {
      int m = Math.min(max, n);
      List<Map<String, Double>> params = new ArrayList<>();
      Starts st = new Starts(m, s, a, horizon, params);
      for (int r = 0; r < m; r++) {
        int from = (int) ((long) r * n / m);
        params.add(parameters.get(from));
        System.arraycopy(x0, from * s, st.x0, r * s, s);
      }
      return st;
    }

    /** These starts with uniform random actions, and the truth simulated for them. */
    Starts withRandomActions(List<ActionVariable> limits, long seed, PlantTruth plant) {
      SplittableRandom random = new SplittableRandom(seed);
      for (int t = 0; t < horizon; t++) {
        for (int r = 0; r < n; r++) {
          for (int j = 0; j < a; j++) {
            ActionVariable v = limits.get(j);
            actions[(t * n + r) * a + j] = (float) random.nextDouble(v.min(), v.max());
          }
        }
      }
      plant.simulate(this);
      return this;
    }
  }

  /** The simulated plant of the recordings, as ground truth for counterfactual action sequences. */
  record PlantTruth(RobotConfig config, String kind) {

    static Optional<PlantTruth> of(RobotConfig config, RecordedData data) {
      if (config.sim().isEmpty()) return Optional.empty();
      if (!config.stateNames().equals(data.stateNames()) || !config.actionNames().equals(data.actionNames())) {
        return Optional.empty();
      }
      try {
        PlantWorldModel.of(config, Plants.create(config.sim().get().plant()), 1).close();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      return Optional.of(new PlantTruth(config, config.sim().get().plant()));
    }

    /** Fills {@code st.truth} by stepping the plant (with each start's parameters) from each start. */
    void simulate(Starts st) {
      Map<Map<String, Double>, List<Integer>> groups = new LinkedHashMap<>();
      for (int r = 0; r < st.n; r++) groups.computeIfAbsent(st.parameters.get(r), k -> new ArrayList<>()).add(r);
      for (Map.Entry<Map<String, Double>, List<Integer>> g : groups.entrySet()) {
        List<Integer> rows = g.getValue();
        int m = rows.size();
        try (WorldModel plant = PlantWorldModel.of(config, Plants.create(kind, g.getKey()), m)) {
          float[] x = new float[m * st.s];
          float[] u = new float[m * st.a];
          float[] next = new float[m * st.s];
          for (int q = 0; q < m; q++) System.arraycopy(st.x0, rows.get(q) * st.s, x, q * st.s, st.s);
          for (int t = 0; t < st.horizon; t++) {
            for (int q = 0; q < m; q++) {
              System.arraycopy(st.actions, (t * st.n + rows.get(q)) * st.a, u, q * st.a, st.a);
            }
            plant.step(x, u, next, null);
            for (int q = 0; q < m; q++) {
              System.arraycopy(next, q * st.s, st.truth, (t * st.n + rows.get(q)) * st.s, st.s);
            }
            System.arraycopy(next, 0, x, 0, m * st.s);
          }
        }
      }
    }
  }
}
