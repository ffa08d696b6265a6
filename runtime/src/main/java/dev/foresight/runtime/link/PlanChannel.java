package dev.foresight.runtime.link;

import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The hook for predicted trajectories: a planner (on the control thread or its own) offers its
 * current plan here after each planning step, and the link publishes the latest one on
 * {@code foresight/<robot>/plan} at the telemetry rate, for overlays in operator tools.
 * {@link #offer} copies into a preallocated buffer under a sequence lock: no allocation, no
 * waiting; the reader retries instead.
 *
 * <pre>{@code
 * PlanChannel plans = new PlanChannel(List.of("torque"), planner.horizon(), dtS);
 * // after planning, on the planner's thread:
 * planner.copyPlan(scratch);
 * plans.offer(nowNs, scratch);
 * }</pre>
 */
public final class PlanChannel {

  private final List<String> actionNames;
  private final int horizon;
  private final double stepS;
  private final double[] plan;
  private volatile long sequence;
  private long planNs;

  /**
   * @param actionNames names of the actions in each step, in vector order
   * @param horizon     steps in a plan
   * @param stepS       time between steps, seconds
   */
  public PlanChannel(List<String> actionNames, int horizon, double stepS) {
    this.actionNames = List.copyOf(actionNames);
    this.horizon = horizon;
    this.stepS = stepS;
    this.plan = new double[horizon * actionNames.size()];
  }

  /** Producer (one thread): the plan, {@code horizon x actions} row-major with step 0 first. */
  public void offer(long nowNs, double[] rowMajorPlan) {
    long s = sequence;
    sequence = s + 1;
    VarHandle.storeStoreFence();
    System.arraycopy(rowMajorPlan, 0, plan, 0, plan.length);
    planNs = nowNs;
    sequence = s + 2;
  }

  /** Copies the latest plan into {@code out}; returns its sequence (0 when none was offered yet). */
  public long read(double[] out) {
    while (true) {
      long before = sequence;
      if ((before & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      System.arraycopy(plan, 0, out, 0, plan.length);
      VarHandle.loadLoadFence();
      if (sequence == before) return before / 2;
    }
  }

  /** Action names per step. */
  public List<String> actionNames() {
    return actionNames;
  }

  /** Steps in a plan. */
  public int horizon() {
    return horizon;
  }

  /** Seconds between steps. */
  public double stepS() {
    return stepS;
  }

  /** Monotonic time of the latest plan, ns (only meaningful after a successful read). */
  long planNs() {
    return planNs;
  }
}
