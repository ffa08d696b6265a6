package dev.foresight.runtime;

import dev.foresight.config.RobotConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import java.util.SplittableRandom;

/**
 * The simulated plant a config asks for, checked against the loop and put in its initial state:
 * {@code sim.initial_state}, or the plant's published random reset drawn from {@code sim.seed}.
 */
public final class SimPlants {

  private SimPlants() {}

  /**
   * @throws AssemblyException for an unknown plant, a loop rate that does not match its step, or
   *                           an initial state of the wrong size
   */
  public static Plant create(RobotConfig config, long periodNs) throws AssemblyException {
    SimConfig sim = config.sim().orElseThrow();
    Plant plant;
    try {
      plant = Plants.create(sim.plant());
    } catch (UnsupportedOperationException e) {
      throw new AssemblyException("sim.plant: " + e.getMessage());
    }
    double plantStepS = plant.spec().dtS();
    if (Math.abs(plantStepS - periodNs * 1e-9) > 1e-9) {
      throw new AssemblyException("loop.rate_hz: " + config.loop().rateHz() + " Hz does not match plant "
          + plant.spec().name() + ", which steps every " + plantStepS + " s; set loop.rate_hz: "
          + Math.round(1.0 / plantStepS));
    }
    if (!sim.initialState().isEmpty()) {
      if (sim.initialState().size() != plant.spec().state().size()) {
        throw new AssemblyException("sim.initial_state: has " + sim.initialState().size() + " values but plant "
            + plant.spec().name() + " has " + plant.spec().state().size() + " state variables ("
            + String.join(", ", plant.spec().stateNames()) + ")");
      }
      plant.reset(sim.initialState().stream().mapToDouble(Double::doubleValue).toArray());
    } else {
      plant.reset(new SplittableRandom(sim.seed()));
    }
    return plant;
  }
}
