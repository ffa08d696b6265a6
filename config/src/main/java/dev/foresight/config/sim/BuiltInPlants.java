package dev.foresight.config.sim;

/** The plants the {@code sim} module ships, one {@link PlantType} each. */
public final class BuiltInPlants {

  private BuiltInPlants() {}

  /** Gymnasium Pendulum-v1. */
  public static final class Pendulum implements PlantType {
    @Override
    public String id() {
      return "pendulum";
    }
  }

  /** Gymnasium CartPole-v1 dynamics with a continuous force input. */
  public static final class CartPole implements PlantType {
    @Override
    public String id() {
      return "cartpole";
    }
  }

  /** CartPole swing-up: pole starts down, wider track, no angle termination. */
  public static final class CartPoleSwingUp implements PlantType {
    @Override
    public String id() {
      return "cartpole-swingup";
    }
  }

  /** Gymnasium Acrobot-v1 with a continuous torque. */
  public static final class Acrobot implements PlantType {
    @Override
    public String id() {
      return "acrobot";
    }
  }

  /** Gymnasium MountainCarContinuous-v0. */
  public static final class MountainCar implements PlantType {
    @Override
    public String id() {
      return "mountain-car";
    }
  }

  /** Differential-drive rover with DC motors, encoders and an IMU. */
  public static final class Rover implements PlantType {
    @Override
    public String id() {
      return "rover";
    }
  }
}
