package dev.foresight.models.plan;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.foresight.config.ActionVariable;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.ModelConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.CemConfig;
import dev.foresight.config.control.EnsembleMode;
import dev.foresight.config.control.MppiConfig;
import dev.foresight.config.control.RolloutMode;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.WorldModelSource;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.world.EnsembleMember;
import dev.foresight.models.world.OnnxValueModel;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.ValueModel;
import dev.foresight.models.world.WorldModel;
import dev.foresight.models.world.WorldModelContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds MPPI and CEM planners from config: the world model (ONNX, checked against the contract,
 * or the simulator's plant supplied by the runtime), the optional value model, the rollouts
 * (fused graph or stepwise) and the cost.
 *
 * <pre>{@code
 * SamplingPlanner planner = Planners.create(loaded, clock::nanoTime, batch -> new PlantWorldModel(...));
 * planner.plan(state, deadlineNs);
 * }</pre>
 */
public final class Planners {

  private static final Logger LOG = LoggerFactory.getLogger(Planners.class);

  private Planners() {}

  /**
   * The planner of a config whose controller is {@code mppi} or {@code cem}.
   *
   * @param loaded    the validated config (model paths resolve against its file)
   * @param clock     nanoseconds, for the plan deadline
   * @param simulator the plant as a world model for a batch size (used for {@code world_model: simulator})
   * @throws ModelException when a model file is unusable or does not match the config
   */
  public static SamplingPlanner create(LoadedConfig loaded, LongSupplier clock, IntFunction<WorldModel> simulator) {
    return create(loaded, clock, simulator, worker -> {});
  }

  /**
   * The planner of a config whose controller is {@code mppi} or {@code cem}, its rollouts split across
   * {@code loop.planner_threads} threads.
   *
   * @param loaded        the validated config (model paths resolve against its file)
   * @param clock         nanoseconds, for the plan deadline
   * @param simulator     the plant as a world model for a batch size (used for {@code world_model: simulator})
   * @param onWorkerStart called on each rollout worker thread as it starts, with its index (1..threads-1),
   *                      e.g. to pin it to {@code loop.planner_cpus}
   * @throws ModelException when a model file is unusable or does not match the config
   */
  public static SamplingPlanner create(LoadedConfig loaded, LongSupplier clock, IntFunction<WorldModel> simulator,
      IntConsumer onWorkerStart) {
    RobotConfig config = loaded.config();
    SampledPlannerConfig p = (SampledPlannerConfig) config.controller();
    CostFunction cost = CostFunction.of(p.cost(), config);
    int[] shards = ParallelRollouts.split(p.samples(), config.loop().plannerThreads());
    Rollouts rollouts = switch (p.worldModel()) {
      case SIMULATOR -> sharded(shards, onWorkerStart,
          n -> new StepwiseRollouts(simulator.apply(n), cost, null, 0, p.horizon(), "simulator"));
      case ONNX -> {
        ModelConfig m = config.model().orElseThrow();
        Path value = m.valueFile().map(loaded::resolve).orElse(null);
        Rollouts model = onnx(loaded.resolve(m.file()), value, SessionSettings.of(m), config, cost, p, p.rollout(),
            shards, onWorkerStart);
        if (!config.trust().adaptation().enabled() || model instanceof StepwiseRollouts) yield model;
        try {
          // A second, stepwise set over the same files: the fused graph cannot add a run-time correction.
          // It covers the whole batch on the planning thread: with a correction in force, planning does
          // not use loop.planner_threads (docs/trust.md).
          yield new CorrectedRollouts(model, (StepwiseRollouts) onnx(loaded.resolve(m.file()), value,
              SessionSettings.of(m), config, cost, p, RolloutMode.STEPWISE, new int[] {p.samples()}, worker -> {}),
              correction(config));
        } catch (RuntimeException e) {
          model.close();
          throw e;
        }
      }
    };
    if (config.trust().adaptation().enabled() && rollouts instanceof StepwiseRollouts stepwise) {
      rollouts = new CorrectedRollouts(stepwise, stepwise, correction(config));
    }
    return create(p, config, rollouts, clock);
  }

  /**
   * One rollouts for a single shard, else {@link ParallelRollouts} over one per shard size (each
   * built by {@code shard}); what was built is closed again when a later shard fails.
   *
   * @param shards        samples per shard ({@link ParallelRollouts#split})
   * @param onWorkerStart called on each worker thread as it starts, with its index
   * @param shard         builds the rollouts of one shard for its sample count
   */
  public static Rollouts sharded(int[] shards, IntConsumer onWorkerStart, IntFunction<Rollouts> shard) {
    if (shards.length == 1) return shard.apply(shards[0]);
    List<Rollouts> built = new ArrayList<>();
    try {
      for (int n : shards) built.add(shard.apply(n));
      return new ParallelRollouts(built, onWorkerStart);
    } catch (RuntimeException e) {
      for (Rollouts r : built) r.close();
      throw e;
    }
  }

  /** An empty correction for {@code config}'s variables and adaptation settings (the weights come from the runtime). */
  public static ResidualCorrection correction(RobotConfig config) {
    boolean[] wrapped = new boolean[config.state().size()];
    for (int i = 0; i < wrapped.length; i++) wrapped[i] = config.state().get(i).wrap();
    return new ResidualCorrection(wrapped, config.action().size(),
        ResidualCorrection.Settings.of(config.trust().adaptation()));
  }

  /** A planner of the given settings over prepared rollouts. */
  public static SamplingPlanner create(SampledPlannerConfig p, RobotConfig config, Rollouts rollouts, LongSupplier clock) {
    List<ActionVariable> actions = config.action();
    double[] min = actions.stream().mapToDouble(ActionVariable::min).toArray();
    double[] max = actions.stream().mapToDouble(ActionVariable::max).toArray();
    double[] std = new double[actions.size()];
    for (int j = 0; j < std.length; j++) std[j] = p.noiseStd().isEmpty() ? (max[j] - min[j]) / 4 : p.noiseStd().get(j);
    SamplingPlanner planner = switch (p) {
      case MppiConfig c -> new Mppi(rollouts, min, max, std, c.noiseBeta(), c.iterations(), c.temperature(), c.seed(), clock);
      case CemConfig c -> new Cem(rollouts, min, max, std, c.noiseBeta(), c.iterations(), c.elites(), c.keepElites(),
          c.momentum(), c.seed(), clock);
    };
    LOG.info("{} planner: {} samples x {} steps, rollouts {}", planner.name(), p.samples(), p.horizon(),
        rollouts.description());
    return planner;
  }

  /**
   * Rollouts on ONNX models: the fused graph when asked for or (auto) when the model allows it,
   * else one call per step. Both files are checked against the contract first.
   */
  public static Rollouts onnx(Path worldFile, Path valueFile, SessionSettings settings, RobotConfig config,
      CostFunction cost, SampledPlannerConfig p) {
    return onnx(worldFile, valueFile, settings, config, cost, p, p.rollout(), new int[] {p.samples()}, worker -> {});
  }

  /**
   * Rollouts on ONNX models as {@link #onnx(Path, Path, SessionSettings, RobotConfig, CostFunction,
   * SampledPlannerConfig)}, split into shards of the given sample counts, one thread each (one
   * session per shard; the fused graph is built once per distinct shard size).
   */
  public static Rollouts onnx(Path worldFile, Path valueFile, SessionSettings settings, RobotConfig config,
      CostFunction cost, SampledPlannerConfig p, int[] shards, IntConsumer onWorkerStart) {
    return onnx(worldFile, valueFile, settings, config, cost, p, p.rollout(), shards, onWorkerStart);
  }

  private static Rollouts onnx(Path worldFile, Path valueFile, SessionSettings settings, RobotConfig config,
      CostFunction cost, SampledPlannerConfig p, RolloutMode mode, int[] shards, IntConsumer onWorkerStart) {
    double dt = config.loop().periodNs() * 1e-9;
    byte[] fileBytes = read(worldFile);
    byte[] valueBytes = valueFile != null ? read(valueFile) : null;
    java.util.Optional<Integer> member = config.model().flatMap(ModelConfig::planningMember);
    // The whole file is checked against the contract; with model.planning_member the planner then
    // runs on that member's graph alone (the one-step predictions keep the ensemble: PredictionModel).
    byte[] worldBytes = fileBytes;
    ModelSession world = ModelSession.open(fileBytes, worldFile.toString(), settings);
    ModelSession value = null;
    try {
      WorldModelContract.check(world, config.stateNames(), config.actionNames(), dt);
      if (member.isPresent()) {
        world.close();
        worldBytes = EnsembleMember.cut(fileBytes, member.get(), worldFile.toString());
        world = ModelSession.open(worldBytes, worldFile + " (member " + member.get() + ")", settings);
      }
      if (valueFile != null) {
        value = ModelSession.open(valueBytes, valueFile.toString(), settings);
        WorldModelContract.checkValue(value, config.stateNames());
      }
      if (mode != RolloutMode.STEPWISE) {
        try {
          String label = worldFile.getFileName().toString() + member.map(n -> " member " + n).orElse("");
          byte[] planned = worldBytes;
          Map<Integer, byte[]> graphs = new HashMap<>();
          Rollouts fused = sharded(shards, onWorkerStart, n -> fused(graphs.computeIfAbsent(n,
              size -> fusedGraph(planned, valueBytes, cost, p.horizon(), size, p.valueWeight(), label, p.ensemble())),
              cost, p.horizon(), n, settings, label, onMember(member)));
          world.close();
          if (value != null) value.close();
          return fused;
        } catch (UnsupportedOperationException e) {
          if (mode == RolloutMode.FUSED) {
            throw new ModelException(worldFile + ": cannot build the fused rollout graph (" + e.getMessage()
                + "); use rollout: stepwise");
          }
          LOG.info("{}: fused rollouts not possible ({}); one model call per step", worldFile, e.getMessage());
        }
      }
      if (shards.length == 1) return stepwise(world, value, cost, p, shards[0], onMember(member));
      world.close();
      if (value != null) value.close();
      byte[] planned = worldBytes;
      String label = world.label();
      return sharded(shards, onWorkerStart, n -> {
        ModelSession w = ModelSession.open(planned, label, settings);
        ModelSession v = null;
        try {
          if (valueBytes != null) v = ModelSession.open(valueBytes, valueFile.toString(), settings);
          return stepwise(w, v, cost, p, n, onMember(member));
        } catch (RuntimeException e) {
          w.close();
          if (v != null) v.close();
          throw e;
        }
      });
    } catch (RuntimeException e) {
      world.close();
      if (value != null) value.close();
      throw e;
    }
  }

  /** What a description adds for {@code model.planning_member} ("" without). */
  private static String onMember(java.util.Optional<Integer> member) {
    return member.map(n -> " on member " + n).orElse("");
  }

  private static Rollouts stepwise(ModelSession world, ModelSession value, CostFunction cost, SampledPlannerConfig p,
      int samples, String onMember) {
    ValueModel values = value != null ? new OnnxValueModel(value, samples) : null;
    return new StepwiseRollouts(OnnxWorldModel.owning(world, samples, value), cost,
        values, p.valueWeight(), p.horizon(), "stepwise onnx (" + world.provider() + ")" + onMember,
        p.ensemble() == EnsembleMode.MEMBERS);
  }

  /** Fused rollouts for in-memory models (checked by the caller). */
  public static Rollouts fused(byte[] world, byte[] value, CostFunction cost, int horizon, int samples,
      double valueWeight, SessionSettings settings, String label) {
    return fused(world, value, cost, horizon, samples, valueWeight, settings, label, EnsembleMode.MEMBERS);
  }

  /** Fused rollouts for in-memory models (checked by the caller), with samples using an ensemble as {@code ensemble} says. */
  public static Rollouts fused(byte[] world, byte[] value, CostFunction cost, int horizon, int samples,
      double valueWeight, SessionSettings settings, String label, EnsembleMode ensemble) {
    return fused(fusedGraph(world, value, cost, horizon, samples, valueWeight, label, ensemble), cost, horizon, samples,
        settings, label, "");
  }

  private static byte[] fusedGraph(byte[] world, byte[] value, CostFunction cost, int horizon, int samples,
      double valueWeight, String label, EnsembleMode ensemble) {
    ModelProto worldModel = parse(world, label);
    ModelProto valueModel = value != null ? parse(value, label + " value") : null;
    return FusedRolloutGraph.build(worldModel, valueModel, cost, horizon, samples, valueWeight,
        ensemble == EnsembleMode.MEMBERS).toByteArray();
  }

  private static Rollouts fused(byte[] graph, CostFunction cost, int horizon, int samples, SessionSettings settings,
      String label, String onMember) {
    // The fused graph is large (the model unrolled over the horizon): ONNX Runtime's optimization of it is most
    // of the start-up; with a cache folder (foresight.cache, set by the launcher) it is done once per graph.
    String cache = System.getProperty("foresight.cache");
    String name = label + " (fused x" + horizon + ")";
    ModelSession session = cache == null || cache.isBlank() ? ModelSession.open(graph, name, settings)
        : ModelSession.openCached(graph, name, settings, Path.of(cache));
    return new FusedRollouts(session, samples, horizon, cost.stateSize(), cost.actionSize(),
        "fused onnx (" + session.provider() + ")" + onMember);
  }

  private static ModelProto parse(byte[] bytes, String label) {
    try {
      return ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelException(label + ": not an ONNX model (" + e.getMessage() + ")");
    }
  }

  private static byte[] read(Path file) {
    if (!Files.isRegularFile(file)) throw new ModelException(file + ": no such model file");
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelException(file + ": cannot read the model file (" + e.getMessage() + ")");
    }
  }
}
