package dev.foresight.models.control;

/**
 * Computes an action from a state estimate. Called once per tick on the control thread; must not
 * allocate, block or throw for finite input. Vectors follow the config's state and action order.
 */
public interface Controller {

  /** Writes the action for {@code state} into {@code action}. */
  void compute(double[] state, double[] action);

  /** Forgets anything learned from earlier ticks (integrators, warm starts, modes). */
  default void reset() {}

  /** Short name for displays, e.g. {@code swingup}. */
  String name();

  /** What the controller is doing right now, for displays, e.g. {@code pump} or {@code balance}. */
  default String phase() {
    return "";
  }
}
