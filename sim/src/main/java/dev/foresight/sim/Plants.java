package dev.foresight.sim;

import dev.foresight.config.PlantKind;
import dev.foresight.sim.plants.CartPole;
import dev.foresight.sim.plants.Pendulum;

/** Creates plants by the names configs use. */
public final class Plants {

  private Plants() {}

  /**
   * A new plant of the given kind, with the published default parameters.
   *
   * @throws UnsupportedOperationException for a kind the simulator does not model yet
   */
  public static Plant create(PlantKind kind) {
    return switch (kind) {
      case PENDULUM -> new Pendulum();
      case CARTPOLE -> new CartPole();
      default -> throw new UnsupportedOperationException("the " + kind.id() + " plant is not in the simulator yet");
    };
  }
}
