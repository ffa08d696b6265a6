package dev.foresight.runtime.cli;

import com.sun.management.ThreadMXBean;
import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.LoopConfig;
import dev.foresight.config.ModelConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.WorldModelSource;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelFlops;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.plan.CostFunction;
import dev.foresight.models.plan.ParallelRollouts;
import dev.foresight.models.plan.Planners;
import dev.foresight.models.plan.Rollouts;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.models.plan.StepwiseRollouts;
import dev.foresight.models.world.EnsembleMember;
import dev.foresight.runtime.plan.PlannerAssembly;
import dev.foresight.runtime.plan.PlantWorldModel;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import dev.foresight.sim.Variable;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight bench plan}: how fast one plan runs, and what it allocates. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Time whole plans (sample, roll out, weigh) on an ONNX world model or the simulator's plant.",
        "Every combination of the comma lists is built and warmed up first, then timed in interleaved rounds.",
        "Reports per model: median and p99 plan time, sample-steps per second (samples x horizon x iterations / "
            + "time) and bytes allocated per plan after warm-up. Give --model once per file (e.g. the fp32 and the "
            + "int8 export) to compare them. The cost tracks every state variable to 0 and penalizes effort.",
        "Model FLOP per plan (2 x in x out per dense layer of every ensemble member, x samples x horizon x "
            + "iterations) and achieved GFLOP/s are printed beside ONNX Runtime's single-thread 512^3 MatMul rate here "
            + "(the sgemm peak); docs/performance.md.",
        "The machine's load average is printed too: on a shared machine, compare numbers from one run."})
final class BenchPlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--model", paramLabel = "FILE", description = "ONNX world model (repeatable).")
    List<Path> models;

    @Option(names = "--plant", paramLabel = "NAME", description = "Plan on the simulator's plant (ground truth), e.g. pendulum.")
    String plant;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Time the plan of this robot config's own planner and world model (its samples, horizon, "
            + "iterations, cost and model; --samples, --horizon and --rollout do not apply). --threads replaces "
            + "loop.planner_threads; the threads are not pinned.")
    Path config;
  }

  @Option(names = "--samples", defaultValue = "1024", split = ",", paramLabel = "K",
      description = "Samples per plan; a comma list runs each (default ${DEFAULT-VALUE}).")
  List<Integer> samplesList;

  @Option(names = "--horizon", defaultValue = "32", split = ",", paramLabel = "H",
      description = "Steps per plan; a comma list runs each (default ${DEFAULT-VALUE}).")
  List<Integer> horizonList;

  @Option(names = "--threads", defaultValue = "1", split = ",", paramLabel = "T",
      description = "Planner threads: the samples split evenly, one model session each; a comma list runs each "
          + "(default ${DEFAULT-VALUE}).")
  List<Integer> threadsList;

  @Option(names = "--intra-op", defaultValue = "1", paramLabel = "N",
      description = "ONNX Runtime intra-op threads per session (default ${DEFAULT-VALUE}; more than 1 measured slower "
          + "on small MLPs).")
  int intraOp;

  private int samples;
  private int horizon;
  private int threads;
  private String rollout;

  @Option(names = "--planner", defaultValue = "mppi", paramLabel = "TYPE", description = "mppi or cem (default ${DEFAULT-VALUE}).")
  String planner;

  @Option(names = "--rollout", defaultValue = "auto", split = ",", paramLabel = "MODE",
      description = "auto, fused or stepwise; a comma list runs each (default ${DEFAULT-VALUE}).")
  List<String> rolloutList;

  @Option(names = "--plans", defaultValue = "200", paramLabel = "N", description = "Timed plans (default ${DEFAULT-VALUE}).")
  int plans;

  @Option(names = "--warmup", defaultValue = "300", paramLabel = "N", description = "Untimed plans first; warm-up then goes on until plans allocate nothing "
      + "(the JIT has compiled the path), for at most 30 s (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
      description = "Interleaved rounds: each configuration runs plans/rounds timed plans per round, so load "
          + "changes on a shared machine hit every configuration alike (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Option(names = "--peer", paramLabel = "NAME",
      description = {"Also time a peer implementation of the same MPPI plan in the same interleaved rounds: numpy "
          + "(bench/peer/mppi_numpy.py: NumPy with its BLAS, one python process per round and thread count, "
          + "OPENBLAS_NUM_THREADS = T, at most " + NumpyPeer.WARMUP_CAP + " untimed plans each). For fp32 --model "
          + "files and --planner mppi; prints Foresight's sample-steps/s over the peer's at each thread count."})
  String peer;

  @Option(names = "--peer-python", defaultValue = "python3", paramLabel = "PATH",
      description = "The python that runs the peer; it needs NumPy (default ${DEFAULT-VALUE}).")
  String peerPython;

  @Option(names = "--peer-script", paramLabel = "FILE",
      description = "The peer's script (default bench/peer/mppi_numpy.py of this installation).")
  Path peerScript;

  /** One measured configuration. */
  record Row(String model, String quantization, String rollouts, int samples, int horizon, int iterations, int threads,
      double medianMs, double p99Ms, double sampleStepsPerS, long allocBytesPerPlan, long flopPerPlan, double gflops,
      String peer) {}

  /** Foresight's sample-steps/s over the peer's, at the same model, samples, horizon and thread count. */
  record Ratio(String model, String rollouts, int samples, int horizon, int threads, double ratio) {}

  @Override
  public Integer call() throws Exception {
    for (int k : samplesList) if (k < 1 || k > 65_536) throw new UserException("--samples must be in 1..65536");
    for (int h : horizonList) if (h < 1 || h > 256) throw new UserException("--horizon must be in 1..256");
    for (int t : threadsList) if (t < 1 || t > 64) throw new UserException("--threads must be in 1..64");
    for (int t : threadsList) {
      for (int k : source.config != null ? List.<Integer>of() : samplesList) {
        if (t > k) throw new UserException("--threads " + t + " is more than --samples " + k + " (one thread per sample at most)");
      }
    }
    if (intraOp < 1 || intraOp > 64) throw new UserException("--intra-op must be in 1..64");
    if (plans < 1 || warmup < 0) throw new UserException("--plans must be at least 1 and --warmup at least 0");
    if (rounds < 1 || rounds > plans) throw new UserException("--rounds must be in 1..plans");
    if (!planner.equals("mppi") && !planner.equals("cem")) throw new UserException("--planner must be mppi or cem");
    for (String r : rolloutList) {
      if (!List.of("auto", "fused", "stepwise").contains(r)) throw new UserException("--rollout must be auto, fused or stepwise");
    }
    Path script = null;
    if (peer != null) {
      if (!peer.equals("numpy")) throw new UserException("--peer must be numpy");
      if (source.models == null) throw new UserException("--peer numpy times --model files (not --plant or --config)");
      if (!planner.equals("mppi")) throw new UserException("--peer numpy runs MPPI: use --planner mppi");
      script = NumpyPeer.script(peerScript);
    }
    List<Case> cases = new ArrayList<>();
    List<NumpyPeer> peers = new ArrayList<>();
    try {
      if (source.config != null) {
        LoadedConfig loaded = ConfigLoader.load(source.config);
        for (int t : threadsList) cases.add(configRow(loaded, t));
      }
      for (String r : source.config != null ? List.<String>of() : rolloutList) {
        for (int t : threadsList) {
          for (int h : horizonList) {
            for (int k : samplesList) {
              samples = k;
              horizon = h;
              threads = t;
              rollout = r;
              if (source.plant != null) {
                cases.add(plantRow());
              } else {
                for (Path model : source.models) {
                  Case c = modelRow(model);
                  cases.add(c);
                  if (script != null && r.equals(rolloutList.getFirst()) && c.quantization.equals("fp32")) {
                    peers.add(new NumpyPeer(peerPython, script, model.toAbsolutePath(), k, h, t));
                  }
                }
              }
            }
          }
        }
      }
      if (script != null && peers.isEmpty()) {
        throw new UserException("--peer numpy runs fp32 models; give an fp32 --model (foresight.quantization fp32)");
      }
      ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      for (Case c : cases) c.warm(warmup, mx);
      for (int round = 0; round < rounds; round++) {
        int n = plans / rounds + (round < plans % rounds ? 1 : 0);
        for (Case c : cases) c.time(n, mx);
        for (NumpyPeer p : peers) p.time(n, warmup);
      }
      List<Row> rows = new ArrayList<>();
      for (Case c : cases) rows.add(c.row());
      for (NumpyPeer p : peers) rows.add(peerRow(p));
      print(rows, ModelFlops.matMulGflops(System::nanoTime));
    } finally {
      for (Case c : cases) c.close();
    }
    return ExitCodes.OK;
  }

  /** One configuration: its planner and the times of its timed plans. */
  /** The longest a case's warm-up goes on past --warmup waiting for the JIT (see Case#warm). */
  private static final long WARM_LIMIT_NS = 30_000_000_000L;
  /** Plans in a row that must allocate nothing before warm-up ends. */
  private static final int CLEAN_PLANS = 200;

  private static final class Case implements AutoCloseable {
    final String label;
    final String quantization;
    final SamplingPlanner planner;
    final int samples;
    final int horizon;
    final int threads;
    final long[] times;
    final double[] state;
    final double[] action;
    int count;
    long allocated;
    int iterations;
    /** Model FLOP per sample-step (dense layers of every member the model runs); 0 for the simulator. */
    long flopPerStep;

    Case(String label, String quantization, SamplingPlanner planner, int samples, int horizon, int threads, int plans) {
      this.label = label;
      this.quantization = quantization;
      this.planner = planner;
      this.samples = samples;
      this.horizon = horizon;
      this.threads = threads;
      this.times = new long[plans];
      this.state = new double[planner.rollouts().stateSize()];
      if (state.length > 0) state[0] = 3.0;
      this.action = new double[planner.actionSize()];
    }

    void warm(int n, ThreadMXBean mx) {
      for (int i = 0; i < n; i++) planOnce();
      // Until the JIT has finished compiling the plan path, interpreted and C1 code allocate what C2
      // code keeps in registers: about 80 KB once in all, whatever the number of plans and rounds
      // (measured: 1,610 B per plan over 50 plans after 50 warm-up plans of the demo, 402 B over
      // 200, 0 after 1,000 warm-up plans), which is not what a warm robot's planner allocates. So
      // warm-up goes on until CLEAN_PLANS plans in a row allocate nothing, for at most
      // WARM_LIMIT_NS: a plan that allocates every time still reports its bytes.
      long[] ids = plannerThreads();
      long calibrate = allocated(mx, ids);
      long overhead = allocated(mx, ids) - calibrate;   // what reading the counters costs
      long end = System.nanoTime() + WARM_LIMIT_NS;
      for (int clean = 0; clean < CLEAN_PLANS && System.nanoTime() < end; ) {
        long before = allocated(mx, ids);
        planOnce();
        clean = allocated(mx, ids) - before - overhead <= 0 ? clean + 1 : 0;
      }
    }

    private void planOnce() {
      planner.plan(state, Long.MAX_VALUE);
      planner.firstAction(action);
      planner.shift(1);
    }

    void time(int n, ThreadMXBean mx) {
      long[] ids = plannerThreads();
      long calibrate = allocated(mx, ids);
      long overhead = allocated(mx, ids) - calibrate;   // what reading the counters costs
      long before = allocated(mx, ids);
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        iterations = planner.plan(state, Long.MAX_VALUE);
        times[count++] = System.nanoTime() - start;
        planner.firstAction(action);
        planner.shift(1);
      }
      allocated += Math.max(0, allocated(mx, ids) - before - overhead);
    }

    /** This thread and the rollout workers: what a plan allocates on any of them counts. */
    private static long[] plannerThreads() {
      return Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t == Thread.currentThread() || t.getName().startsWith("foresight-rollouts-"))
          .mapToLong(Thread::threadId).toArray();
    }

    /** Bytes the threads allocated so far, read one by one (the array-returning read allocates). */
    private static long allocated(ThreadMXBean mx, long[] ids) {
      long sum = 0;
      for (long id : ids) sum += Math.max(0, mx.getThreadAllocatedBytes(id));
      return sum;
    }

    Row row() {
      long[] sorted = Arrays.copyOf(times, count);
      Arrays.sort(sorted);
      double median = sorted[count / 2] / 1e6;
      double p99 = sorted[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6;
      double rate = (double) samples * horizon * iterations / (median / 1e3);
      long flop = flopPerStep * samples * horizon * iterations;
      return new Row(label, quantization, planner.rollouts().description(), samples, horizon, iterations, threads, median,
          p99, rate, allocated / count, flop, flop / (median * 1e6), "");
    }

    @Override
    public void close() {
      planner.close();
    }
  }

  /** The peer's row: its plan times of all rounds; allocation is not measured there (-1). */
  private static Row peerRow(NumpyPeer p) {
    long[] sorted = p.sortedTimes();
    int count = sorted.length;
    double median = sorted[count / 2] / 1e6;
    double p99 = sorted[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6;
    long flop;
    try {
      flop = ModelFlops.perRow(p.model()) * p.samples() * p.horizon();
    } catch (ModelException e) {
      throw new UserException(e.getMessage());
    }
    return new Row(p.model().getFileName().toString(), "fp32", p.description(), p.samples(), p.horizon(), 1, p.threads(),
        median, p99, (double) p.samples() * p.horizon() / (median / 1e3), -1, flop, flop / (median * 1e6), "numpy");
  }

  /** Each Foresight row over the peer row of the same model, samples, horizon and threads. */
  static List<Ratio> ratios(List<Row> rows) {
    List<Ratio> ratios = new ArrayList<>();
    for (Row f : rows) {
      if (!f.peer().isEmpty()) continue;
      for (Row p : rows) {
        if (!p.peer().isEmpty() && p.model().equals(f.model()) && p.samples() == f.samples() && p.horizon() == f.horizon()
            && p.threads() == f.threads() && f.iterations() == 1) {
          ratios.add(new Ratio(f.model(), f.rollouts(), f.samples(), f.horizon(), f.threads(),
              f.sampleStepsPerS() / p.sampleStepsPerS()));
        }
      }
    }
    return ratios;
  }

  private Case plantRow() throws ConfigException {
    if (Plants.byName(source.plant).isEmpty()) {
      throw new UserException("unknown plant '" + source.plant + "'; plants: " + String.join(", ", Plants.names()));
    }
    Plant plant;
    try {
      plant = Plants.create(source.plant);
    } catch (UnsupportedOperationException e) {
      throw new UserException(e.getMessage());
    }
    List<String> states = plant.spec().stateNames();
    List<String> actions = new ArrayList<>();
    List<double[]> bounds = new ArrayList<>();
    for (Variable v : plant.spec().action()) {
      actions.add(v.name());
      bounds.add(new double[] {Double.isFinite(v.min()) ? v.min() : -1, Double.isFinite(v.max()) ? v.max() : 1});
    }
    RobotConfig config = syntheticConfig(source.plant, states, actions, bounds, plant.spec().dtS(), "simulator");
    SampledPlannerConfig p = (SampledPlannerConfig) config.controller();
    CostFunction cost = CostFunction.of(p.cost(), config);
    Rollouts rollouts = Planners.sharded(ParallelRollouts.split(samples, threads), worker -> {},
        n -> new StepwiseRollouts(PlantWorldModel.of(config, n == samples ? plant : Plants.create(source.plant), n), cost,
            null, 0, horizon, "simulator"));
    return measure(source.plant + " (simulator)", "fp64", config, rollouts);
  }

  /** The config's own planner on {@code t} threads (unpinned: the benchmark thread plans). */
  private Case configRow(LoadedConfig loaded, int t) {
    RobotConfig config = loaded.config();
    if (!(config.controller() instanceof SampledPlannerConfig p)) {
      throw new UserException(loaded.file() + ": controller.type is " + config.controller().type()
          + "; bench plan times mppi and cem planners");
    }
    if (t > p.samples()) {
      throw new UserException("--threads " + t + " is more than the config's controller.samples " + p.samples()
          + " (one thread per sample at most)");
    }
    LoopConfig l = config.loop();
    LoopConfig loop = new LoopConfig(l.rateHz(), l.planning(), l.planBudgetMs(), l.realtimePriority(), l.cpu(), t, List.of());
    SamplingPlanner planner;
    String quantization = "fp64";
    long flopPerStep = 0;
    try {
      planner = PlannerAssembly.planner(loaded.withConfig(config.withLoop(loop)), System::nanoTime);
      if (p.worldModel() == WorldModelSource.ONNX) {
        try (ModelSession probe = ModelSession.open(loaded.resolve(config.model().orElseThrow().file()), SessionSettings.DEFAULT)) {
          quantization = probe.metadata().getOrDefault("foresight.quantization", "?");
        }
        ModelConfig m = config.model().orElseThrow();
        Path file = loaded.resolve(m.file());
        // On model.planning_member the planner runs that member's network alone: count its FLOP only.
        flopPerStep = m.planningMember().isPresent()
            ? ModelFlops.perRow(ai.onnx.proto.OnnxMl.ModelProto.parseFrom(
                EnsembleMember.cut(java.nio.file.Files.readAllBytes(file), m.planningMember().get(), file.toString())))
            : ModelFlops.perRow(file);
      }
    } catch (ModelException e) {
      throw new UserException(e.getMessage());
    } catch (java.io.IOException e) {
      throw new UserException(loaded.file() + ": cannot read the model file (" + e.getMessage() + ")");
    }
    Case c = new Case(loaded.file().getFileName().toString(), quantization, planner, p.samples(), p.horizon(), t, plans);
    c.flopPerStep = flopPerStep;
    return c;
  }

  private Case modelRow(Path file) throws ConfigException {
    Map<String, String> meta;
    try (ModelSession probe = ModelSession.open(file, SessionSettings.DEFAULT)) {
      meta = probe.metadata();
    } catch (ModelException e) {
      throw new UserException(e.getMessage());
    }
    String stateNames = meta.get("foresight.state_names");
    String actionNames = meta.get("foresight.action_names");
    String dt = meta.get("foresight.dt_s");
    if (stateNames == null || actionNames == null || dt == null) {
      throw new UserException(file + ": not a Foresight world model (metadata foresight.state_names, action_names and "
          + "dt_s are needed; see docs/world-model.md)");
    }
    List<String> states = Arrays.stream(stateNames.split(",")).map(String::strip).toList();
    List<String> actions = Arrays.stream(actionNames.split(",")).map(String::strip).toList();
    List<double[]> bounds = actions.stream().map(a -> new double[] {-2, 2}).toList();
    double dtS;
    try {
      dtS = Double.parseDouble(dt.strip());
    } catch (NumberFormatException e) {
      throw new UserException(file + ": metadata foresight.dt_s is '" + dt + "', not a number of seconds");
    }
    RobotConfig config = syntheticConfig("pendulum", states, actions, bounds, dtS, "onnx");
    SampledPlannerConfig p = (SampledPlannerConfig) config.controller();
    Rollouts rollouts;
    try {
      rollouts = Planners.onnx(file.toAbsolutePath(), null, SessionSettings.DEFAULT.withThreads(intraOp), config,
          CostFunction.of(p.cost(), config), p, ParallelRollouts.split(samples, threads), worker -> {});
    } catch (ModelException e) {
      throw new UserException(e.getMessage());
    }
    Case c = measure(file.getFileName().toString(), meta.getOrDefault("foresight.quantization", "?"), config, rollouts);
    try {
      c.flopPerStep = ModelFlops.perRow(file);
    } catch (ModelException e) {
      throw new UserException(e.getMessage());
    }
    return c;
  }

  /** A robot for the benchmark: the model's variables, angles ("theta", "angle") wrapped, the planner asked for. */
  private RobotConfig syntheticConfig(String plantName, List<String> states, List<String> actions, List<double[]> bounds,
      double dtS, String worldModel) throws ConfigException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("robot: {id: bench}\nloop: {rate_hz: ").append(Math.round(1 / dtS)).append("}\n");
    yaml.append("sim: {plant: ").append(plantName).append("}\nstate:\n");
    for (String s : states) {
      boolean angle = s.contains("theta") || s.contains("angle");
      yaml.append("  - {name: ").append(s).append(", wrap: ").append(angle && !s.endsWith("_dot")).append(", source: plant.")
          .append(s).append("}\n");
    }
    yaml.append("action:\n");
    for (int j = 0; j < actions.size(); j++) {
      yaml.append("  - {name: ").append(actions.get(j)).append(", min: ").append(bounds.get(j)[0]).append(", max: ")
          .append(bounds.get(j)[1]).append(", target: plant.").append(actions.get(j)).append("}\n");
    }
    yaml.append("controller:\n  type: ").append(planner).append("\n  samples: ").append(samples)
        .append("\n  horizon: ").append(horizon).append("\n  rollout: ").append(rollout)
        .append("\n  world_model: simulator\n  cost:\n");
    for (String s : states) yaml.append("    - {type: track, variable: ").append(s).append(", weight: 1}\n");
    for (String a : actions) yaml.append("    - {type: action, variable: ").append(a).append(", weight: 0.001}\n");
    return ConfigLoader.parse(yaml.toString(), Path.of("bench.yaml"));
  }

  private Case measure(String label, String quantization, RobotConfig config, Rollouts rollouts) {
    SampledPlannerConfig p = (SampledPlannerConfig) config.controller();
    return new Case(label, quantization, Planners.create(p, config, rollouts, System::nanoTime), samples, horizon, threads,
        plans);
  }

  /** @param peak ONNX Runtime's single-thread 512^3 float MatMul here, GFLOP/s: the sgemm peak to compare with */
  private void print(List<Row> rows, double peak) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (json) {
      List<Map<String, Object>> results = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("quantization", r.quantization());
        m.put("rollouts", r.rollouts());
        m.put("planner", planner);
        m.put("samples", r.samples());
        m.put("horizon", r.horizon());
        m.put("iterations", r.iterations());
        m.put("threads", r.threads());
        m.put("median_ms", r.medianMs());
        m.put("p99_ms", r.p99Ms());
        m.put("sample_steps_per_s", r.sampleStepsPerS());
        m.put("alloc_bytes_per_plan", r.allocBytesPerPlan());
        m.put("flop_per_plan", r.flopPerPlan());
        m.put("gflops", r.gflops());
        m.put("peak_percent", 100 * r.gflops() / peak);
        m.put("peer", r.peer());
        results.add(m);
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("results", results);
      if (!ratios(rows).isEmpty()) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Ratio q : ratios(rows)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("model", q.model());
          m.put("rollouts", q.rollouts());
          m.put("samples", q.samples());
          m.put("horizon", q.horizon());
          m.put("threads", q.threads());
          m.put("ratio", q.ratio());
          list.add(m);
        }
        all.put("peer_ratios", list);
      }
      all.put("cpus", os.getAvailableProcessors());
      all.put("load_average", os.getSystemLoadAverage());
      all.put("sgemm_peak_gflops", peak);
      all.put("java", System.getProperty("java.vm.version"));
      out.println(JsonMapper.builder().build().writeValueAsString(all));
    } else {
      out.printf(Locale.ROOT, "%s plans; %d CPUs, load average %.2f; sgemm peak %.1f GFLOP/s (ONNX Runtime MatMul "
          + "512^3, 1 thread)%n", planner, os.getAvailableProcessors(), os.getSystemLoadAverage(), peak);
      out.printf(Locale.ROOT, "%-28s %-5s %-34s %5s %4s %3s %10s %8s %16s %13s %12s %8s%n", "model", "quant", "rollouts",
          "K", "H", "T", "median_ms", "p99_ms", "sample_steps/s", "alloc_B/plan", "MFLOP/plan", "GFLOP/s");
      for (Row r : rows) {
        out.printf(Locale.ROOT, "%-28s %-5s %-34s %5d %4d %3d %10.3f %8.3f %14.2f M %13s %12.1f %8.2f%n", r.model(),
            r.quantization(), r.rollouts(), r.samples(), r.horizon(), r.threads(), r.medianMs(), r.p99Ms(),
            r.sampleStepsPerS() / 1e6, r.allocBytesPerPlan() < 0 ? "-" : Long.toString(r.allocBytesPerPlan()),
            r.flopPerPlan() / 1e6, r.gflops());
      }
      for (Ratio q : ratios(rows)) {
        out.printf(Locale.ROOT, "%s K=%d H=%d, %d thread(s): %s %.2fx the numpy peer's sample-steps/s%n", q.model(),
            q.samples(), q.horizon(), q.threads(), q.rollouts(), q.ratio());
      }
    }
    out.flush();
  }
}
