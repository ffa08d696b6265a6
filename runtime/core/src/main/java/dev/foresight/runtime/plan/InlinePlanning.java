package dev.foresight.runtime.plan;

import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Planner;

/**
 * The planner runs inside the tick with a deadline of tick start + plan budget. Each tick it
 * improves the plan (warm-started from the previous one, shifted by a tick), applies step 0 and
 * shifts. A planner that gets no iteration done before the deadline leaves the previous plan,
 * shifted, which is applied (late). A planner that throws gets the stage's own copy of the last
 * good plan, at the step for this tick.
 */
final class InlinePlanning extends PlanStage {

  private final Planner planner;
  private final long budgetNs;
  private final int actions;
  private final int horizon;
  private final double[] plan;
  private final double[] safeAction;
  private long planTick = -1;   // tick whose step 0 is plan[0..actions)
  private long freshTick = -1;  // last tick a plan was improved
  private long deadlineNs;

  InlinePlanning(Planner planner, long budgetNs, double[] safeAction) {
    this.planner = planner;
    this.budgetNs = budgetNs;
    this.actions = planner.actionSize();
    this.horizon = planner.horizon();
    this.plan = new double[horizon * actions];
    this.safeAction = safeAction.clone();
  }

  @Override
  public void run(long nowNs, long tick, double[] state, double[] action) {
    failed = false;
    deadlineNs = nowNs + budgetNs;
    iterations = 0;
    try {
      iterations = planner.plan(state, deadlineNs);
      if (iterations > 0) freshTick = tick;
      late = iterations == 0;
      planner.firstAction(action);
      planner.copyPlan(plan);
      planTick = tick;
      planner.shift(1);
      planAgeTicks = freshTick < 0 ? tick : tick - freshTick;
    } catch (RuntimeException e) {
      failed = true;
      error = e.toString();
      late = true;
      if (planTick < 0) {
        System.arraycopy(safeAction, 0, action, 0, actions);
        planAgeTicks = tick;
      } else {
        int step = (int) Math.min(tick - planTick, horizon - 1);
        System.arraycopy(plan, step * actions, action, 0, actions);
        planAgeTicks = freshTick < 0 ? tick : tick - freshTick;
      }
    }
  }

  @Override
  public void finish(long endNs) {
    if (endNs > deadlineNs) late = true;
  }

  @Override
  public int planSize() {
    return plan.length;
  }

  @Override
  public void copyPlan(double[] out) {
    System.arraycopy(plan, 0, out, 0, plan.length);
  }

  @Override
  public Controller controller() {
    return planner;
  }
}
