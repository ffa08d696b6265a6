package dev.foresight.runtime.plan;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.LoopConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Controllers;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.plan.Planners;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.time.ThreadScheduling;
import dev.foresight.sim.Plants;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured controller, composing planners with their world model (ONNX or the simulator). */
public final class PlannerAssembly {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerAssembly.class);

  private PlannerAssembly() {}

  /**
   * The controller of {@code loaded}: a planner for {@code mppi}/{@code cem}, else the model-free
   * controller.
   *
   * @throws AssemblyException (one line) for an unusable model file or a simulator that cannot
   *                           stand in for the config's variables
   */
  public static Controller controller(LoadedConfig loaded, LongSupplier clock) throws AssemblyException {
    RobotConfig config = loaded.config();
    if (!(config.controller() instanceof SampledPlannerConfig)) {
      return Controllers.create(config, config.loop().periodNs() * 1e-9);
    }
    try {
      return planner(loaded, clock);
    } catch (ModelException e) {
      throw new AssemblyException("model: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new AssemblyException("controller.world_model: simulator: " + e.getMessage());
    }
  }

  /** A planner for a config whose controller is mppi or cem. */
  public static SamplingPlanner planner(LoadedConfig loaded, LongSupplier clock) {
    RobotConfig config = loaded.config();
    LoopConfig loop = config.loop();
    if (!loop.plannerCpus().isEmpty()) ThreadScheduling.prepare();
    return Planners.create(loaded, clock, batch -> {
      var sim = config.sim().orElseThrow(() -> new IllegalArgumentException("needs hardware.platform: sim"));
      return PlantWorldModel.of(config, Plants.create(sim.plant()), batch);
    }, worker -> pin("rollout worker " + worker, loop.plannerCpu(worker)));
  }

  /** Pins the calling planner thread to {@code cpu} (-1: leaves it), warning once when it cannot. */
  static void pin(String thread, int cpu) {
    if (cpu < 0) return;
    int cpus = Runtime.getRuntime().availableProcessors();
    if (cpu >= cpus) {
      // A config written for a bigger board (a 4-core Pi) run here: say that, not errno 22.
      LOG.warn("{} stays unpinned (loop.planner_cpus): CPU {} is not available here ({} CPUs)", thread, cpu, cpus);
      return;
    }
    ThreadScheduling.pin(cpu).ifPresent(problem -> LOG.warn("{} stays unpinned (loop.planner_cpus): {}", thread, problem));
  }
}
