package dev.foresight.runtime;

import dev.foresight.config.RobotConfig;
import dev.foresight.sim.Plant;
import dev.foresight.sim.SimRun;

/**
 * The simulated run a config asks for ({@link SimRun}: plant, parameters as set and drawn,
 * initial state), checked against the loop: the loop rate must match the plant's step.
 */
public final class SimPlants {

  private SimPlants() {}

  /**
   * @throws AssemblyException for a bad {@code sim} section (unknown parameter, initial state of
   *                           the wrong size, ...) or a loop rate that does not match the plant's step
   */
  public static SimRun create(RobotConfig config, long periodNs) throws AssemblyException {
    SimRun run;
    try {
      run = SimRun.create(config.sim().orElseThrow());
    } catch (IllegalArgumentException e) {
      throw new AssemblyException(e.getMessage());
    }
    Plant plant = run.plant();
    double plantStepS = plant.spec().dtS();
    if (Math.abs(plantStepS - periodNs * 1e-9) > 1e-9) {
      throw new AssemblyException("loop.rate_hz: " + config.loop().rateHz() + " Hz does not match plant "
          + plant.spec().name() + ", which steps every " + plantStepS + " s; set loop.rate_hz: "
          + Math.round(1.0 / plantStepS));
    }
    return run;
  }
}
