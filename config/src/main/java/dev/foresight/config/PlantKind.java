package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The simulated plants a config can name. */
public enum PlantKind {
  /** Gymnasium Pendulum-v1. */
  PENDULUM("pendulum"),
  /** Gymnasium CartPole-v1 dynamics with a continuous force input. */
  CARTPOLE("cartpole"),
  /** CartPole swing-up: pole starts down, wider track, no angle termination. */
  CARTPOLE_SWINGUP("cartpole-swingup"),
  /** Gymnasium Acrobot-v1 with a continuous torque. */
  ACROBOT("acrobot"),
  /** Gymnasium MountainCarContinuous-v0. */
  MOUNTAIN_CAR("mountain-car"),
  /** Differential-drive rover with DC motors, encoders and an IMU. */
  ROVER("rover");

  private final String id;

  PlantKind(String id) {
    this.id = id;
  }

  /** The name used in YAML and on the command line. */
  @JsonValue
  public String id() {
    return id;
  }
}
