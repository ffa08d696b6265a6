package dev.foresight.models.control;

/**
 * A controller that optimizes a sequence of future actions (a plan over {@link #horizon()} steps)
 * and can be stopped at a deadline: the plan phase of the loop gives it a time budget, and when it
 * runs out the best plan so far (at worst the previous plan, shifted) is used.
 *
 * <p>Planners read time only from the clock they were constructed with (a {@code LongSupplier} of
 * nanoseconds provided by the runtime), so stepped-clock tests and simulation stay deterministic.
 * {@link #plan}, {@link #copyPlan} and {@link #shift} allocate nothing once warm.
 *
 * <p>Two ways the runtime uses a planner:
 * <ul>
 *   <li>inline: each tick calls {@code plan(state, tickDeadline)}, applies step 0 of the plan, then
 *       {@code shift(1)} so the next tick starts from the remainder (warm start);
 *   <li>asynchronous: a planner thread calls {@code plan} on the latest state and publishes
 *       {@link #copyPlan} with the time it planned for; each tick applies the freshest plan at the
 *       step that matches the ticks elapsed since.
 * </ul>
 */
public interface Planner extends Controller {

  /** Steps in a plan. */
  int horizon();

  /** Actions per step. */
  int actionSize();

  /**
   * Improves the plan for {@code state}: runs up to the planner's configured iterations, stopping
   * early once {@code deadlineNs} (on the planner's clock) has passed, and returns the iterations
   * completed. At least one iteration runs unless the deadline has already passed on entry, in
   * which case the plan stays as it was (the previous plan, shifted).
   *
   * @throws PlanFailedException when no valid plan can be made from {@code state} (e.g. every
   *     sampled rollout predicted NaN); the plan stays as it was
   */
  int plan(double[] state, long deadlineNs);

  /** Copies the plan, {@code horizon x actionSize} row-major with step 0 first, into {@code out}. */
  void copyPlan(double[] out);

  /**
   * Advances the plan by {@code steps} ticks: drops the first {@code steps} actions and fills the
   * freed tail (by repeating the last action or the planner's own rule), as a warm start.
   */
  void shift(int steps);

  /** One inline tick without a deadline: plan (all configured iterations), apply step 0, shift. */
  @Override
  default void compute(double[] state, double[] action) {
    plan(state, Long.MAX_VALUE);
    firstAction(action);
    shift(1);
  }

  /** Copies step 0 of the plan into {@code action}. */
  void firstAction(double[] action);
}
