package dev.foresight.runtime.tools;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.control.ControllerConfig;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.sim.PlantChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * What {@code foresight sim trust} runs: the robots (the shipped examples that plan on the learned
 * int8 models, each with a fallback controller taken from another example) and the changes of the
 * plant they meet mid-episode.
 */
final class TrustScenarios {

  /**
   * A simulated robot of the benchmark.
   *
   * @param name            short name (pendulum, cartpole)
   * @param primary         the config whose planner runs on the learned model
   * @param fallback        the Simplex fallback (a controller without a learned model)
   * @param fallbackFrom    the example the fallback comes from, for reports
   * @param changeAtS       when the plant changes, seconds from the start of an episode
   * @param hangingStart    true: every episode starts hanging down (with a small seeded offset); false:
   *                        the plant's own random reset (the swing-up plant's is hanging down already)
   * @param reward          per-tick reward from the plant's cost, non-negative, 1 at best
   * @param rewardFormula   how {@code reward} is computed, for reports
   */
  record Robot(String name, LoadedConfig primary, ControllerConfig fallback, String fallbackFrom, double changeAtS,
      boolean hangingStart, DoubleUnaryOperator reward, String rewardFormula) {}

  /**
   * One change of the plant.
   *
   * @param name        the scenario's name ({@code pendulum-mass-1.3})
   * @param robot       which robot it happens to
   * @param change      the change
   * @param description what changes, for reports
   */
  record Scenario(String name, Robot robot, PlantChange change, String description) {}

  private TrustScenarios() {}

  /** The benchmark's robots, from the example configs under {@code home}. */
  static List<Robot> robots(Path home) {
    Path examples = home.resolve("config/examples");
    LoadedConfig pendulum = load(examples.resolve("pendulum-learned.yaml"));
    LoadedConfig cartpole = SimEvalCommand.withModel(load(examples.resolve("cartpole-swingup-mppi.yaml")),
        home.resolve("models/cartpole/cartpole-int8.onnx"));
    // Pendulum-v1's cost is >= 0 (0 upright at rest, about 10 hanging): exp(-cost) is 1 upright and
    // 5e-5 hanging, so returns are positive and a ratio of returns says how much was kept.
    Robot p = new Robot("pendulum", pendulum, load(examples.resolve("pendulum-gym.yaml")).config().controller(),
        "pendulum-gym.yaml", 1.0, true, cost -> Math.exp(-cost), "exp(-cost), cost = Pendulum-v1's");
    // The swing-up's reward is (1 + cos theta) / 2 * cos(pi/2 x / 4.8) in [0, 1] already.
    Robot c = new Robot("cartpole", cartpole, load(examples.resolve("cartpole-sim.yaml")).config().controller(),
        "cartpole-sim.yaml", 3.0, false, cost -> -cost, "the swing-up's own reward, (1 + cos theta) / 2 * cos(pi/2 x / 4.8)");
    return List.of(p, c);
  }

  /** Every scenario, in report order. */
  static List<Scenario> all(List<Robot> robots) {
    Robot p = robots.get(0);
    Robot c = robots.get(1);
    return List.of(
        new Scenario("pendulum-mass-1.3", p, PlantChange.none().scale("mass", 1.3), "rod mass x1.3"),
        new Scenario("pendulum-friction-0.1", p, PlantChange.none().set("friction", 0.1),
            "viscous friction 0.1 N m s/rad added at the pivot"),
        new Scenario("pendulum-gain-0.7", p, PlantChange.none().actuatorGain(0.7), "actuator gain x0.7"),
        new Scenario("pendulum-latency-1", p, PlantChange.none().latency(1), "one extra tick (50 ms) of actuation latency"),
        new Scenario("pendulum-theta-bias-0.1", p, PlantChange.none().sensorBias("theta", 0.1),
            "theta sensor bias +0.1 rad"),
        new Scenario("cartpole-mass-1.3", c, PlantChange.none().scale("mass_cart", 1.3).scale("mass_pole", 1.3),
            "cart and pole mass x1.3"),
        new Scenario("cartpole-gain-0.7", c, PlantChange.none().actuatorGain(0.7), "actuator gain x0.7"));
  }

  private static LoadedConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException(file + ": not found; sim trust runs from the repository (or an installation) with "
          + "config/examples and models");
    }
    try {
      return ConfigLoader.load(file);
    } catch (ConfigException e) {
      throw new UserException(file + ": " + e.getMessage());
    }
  }
}
