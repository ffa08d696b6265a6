package dev.foresight.models.control;

import java.util.List;

/**
 * A controller an operator may adjust while it runs: the target state it regulates to (its
 * setpoint) and named parameters. The runtime checks names and ranges before calling; both setters
 * run on the control thread between ticks, so implementations need no synchronization.
 *
 * <pre>{@code
 * if (controller instanceof Adjustable a && a.hasSetpoint()) a.setpoint(thetaIndex, 0.1);
 * }</pre>
 */
public interface Adjustable {

  /** A parameter an operator may set, with its allowed range (inclusive). */
  record Parameter(String name, double min, double max, String meaning) {}

  /** Whether the controller regulates to a target state that can be changed. */
  default boolean hasSetpoint() {
    return false;
  }

  /** Sets the target of state variable {@code stateIndex}. Only when {@link #hasSetpoint()}. */
  default void setpoint(int stateIndex, double value) {
    throw new UnsupportedOperationException("no setpoint");
  }

  /** The parameters {@link #parameter} accepts, by index. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /** Sets parameter {@code index} of {@link #parameters()} to a value inside its range. */
  default void parameter(int index, double value) {
    throw new UnsupportedOperationException("no parameters");
  }
}
