package dev.foresight.models.control;

/**
 * A planner found no usable plan this call: every sampled sequence's rollout was invalid (a NaN or
 * infinite cost, from a model predicting NaN or infinity), or the optimizer's own update came out
 * non-finite. The plan stays as it was before the call; the runtime's plan phase treats this like any
 * planner failure (the previous good plan, then the {@code planner_error} ladder).
 *
 * <p>Thrown on the control thread's hot path, so each planner preallocates its instance (no stack
 * trace, fixed message) and throwing it allocates nothing. {@link #toString()} is the message alone,
 * which is what the supervisor's events carry.
 *
 * <pre>{@code
 * private final PlanFailedException noValidSample = new PlanFailedException("mppi: no valid sample ...");
 * if (valid == 0) throw noValidSample;
 * }</pre>
 */
public final class PlanFailedException extends RuntimeException {

  /** @param message what failed, naming the planner, e.g. {@code mppi: no valid sample (...)} */
  public PlanFailedException(String message) {
    super(message, null, false, false);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
