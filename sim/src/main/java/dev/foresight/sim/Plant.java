package dev.foresight.sim;

import java.util.random.RandomGenerator;

/**
 * A simulated physical system, stepped with fixed time steps. Implementations follow their
 * published definitions exactly (see each class) and allocate nothing per step.
 *
 * <p>Not thread-safe: one thread steps a plant.
 */
public interface Plant {

  /** Names, units and time step. */
  PlantSpec spec();

  /** Sets the internal state (copied), clearing termination. */
  void reset(double[] state);

  /** Draws an initial state the way the published environment's reset does. */
  void reset(RandomGenerator random);

  /**
   * Applies {@code action} (physical units, clipped as the published environment clips it) for one
   * step and returns the step's reward, computed as the published environment computes it.
   */
  double step(double[] action);

  /** Copies the internal state into {@code out}. */
  void state(double[] out);

  /** Copies the observation into {@code out}. */
  void observation(double[] out);

  /** Whether the last step ended the episode (a terminal state was reached). */
  boolean terminated();
}
