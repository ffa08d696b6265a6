package dev.foresight.sim;

import dev.foresight.config.PlantKind;
import dev.foresight.sim.plants.Acrobot;
import dev.foresight.sim.plants.CartPole;
import dev.foresight.sim.plants.CartPoleSwingUp;
import dev.foresight.sim.plants.MountainCar;
import dev.foresight.sim.plants.Pendulum;
import dev.foresight.sim.plants.Rover;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Creates plants by the names configs use.
 *
 * <pre>{@code
 * Plant acrobot = Plants.create(PlantKind.ACROBOT);
 * Plant heavy = Plants.create(PlantKind.CARTPOLE, Map.of("mass_pole", 0.2));
 * }</pre>
 */
public final class Plants {

  private Plants() {}

  /** A new plant of the given kind, with the published default parameters. */
  public static Plant create(PlantKind kind) {
    return create(kind, defaults(kind));
  }

  /**
   * A new plant with some parameters replaced.
   *
   * @throws IllegalArgumentException naming the parameter when a name is unknown or a value invalid
   */
  public static Plant create(PlantKind kind, Map<String, Double> parameters) {
    return create(kind, defaults(kind).with(parameters));
  }

  /** A new plant with exactly these parameters (from {@link #defaults}, possibly changed). */
  public static Plant create(PlantKind kind, Parameters parameters) {
    return switch (kind) {
      case PENDULUM -> new Pendulum(parameters);
      case CARTPOLE -> new CartPole(parameters);
      case CARTPOLE_SWINGUP -> new CartPoleSwingUp(parameters);
      case ACROBOT -> new Acrobot(parameters);
      case MOUNTAIN_CAR -> new MountainCar(parameters);
      case ROVER -> new Rover(parameters);
    };
  }

  /** The kind's parameters with their published (default) values. */
  public static Parameters defaults(PlantKind kind) {
    return switch (kind) {
      case PENDULUM -> Pendulum.PARAMETERS;
      case CARTPOLE -> CartPole.PARAMETERS;
      case CARTPOLE_SWINGUP -> CartPoleSwingUp.PARAMETERS;
      case ACROBOT -> Acrobot.PARAMETERS;
      case MOUNTAIN_CAR -> MountainCar.PARAMETERS;
      case ROVER -> Rover.PARAMETERS;
    };
  }

  /** The kind named {@code id} as configs and the command line write it ({@code cartpole-swingup}). */
  public static Optional<PlantKind> byName(String id) {
    return Arrays.stream(PlantKind.values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
