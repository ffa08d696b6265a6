package dev.foresight.examples.flywheel;

import dev.foresight.config.sim.PlantType;

/** The flywheel as a plant a config can name. */
public final class FlywheelType implements PlantType {

  @Override
  public String id() {
    return "flywheel";
  }
}
