package dev.foresight.runtime.plan;

import dev.foresight.models.control.Planner;
import dev.foresight.runtime.time.SteppedClock;

/**
 * A small deterministic planner for the plan-phase tests: each plan is a ramp of one action,
 * {@code plan[k] = scale * call + step * k}, where {@code call} numbers the plan calls (1, 2, ...),
 * so a test can tell which plan, and which step of it, was applied. It can take stepped-clock time per
 * iteration (to be late), run out of time on entry, or throw.
 */
public final class TestPlanner implements Planner {

  private final int horizon;
  private final double[] plan;
  /** The clock deadlines are read from (settable once a rig made it). */
  public volatile SteppedClock clock;
  /** Value per plan call number. */
  public double scale = 100;
  /** Value per step. */
  public double step = 1;
  /** Iterations per plan call when time allows. */
  public int iterations = 3;
  /** Stepped-clock time each iteration takes. */
  public volatile long iterationNs;
  /** When set, plan() throws this. */
  public volatile RuntimeException fails;
  /** Plan calls so far (successful or not). */
  public volatile int calls;
  private int shifts;

  public TestPlanner(int horizon, SteppedClock clock) {
    this.horizon = horizon;
    this.plan = new double[horizon];
    this.clock = clock;
  }

  @Override
  public int horizon() {
    return horizon;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public int plan(double[] state, long deadlineNs) {
    int call = ++calls;
    RuntimeException f = fails;
    if (f != null) throw f;
    int done = 0;
    while (done < iterations && clock.nanoTime() < deadlineNs) {
      clock.advance(iterationNs);
      done++;
    }
    if (done > 0) for (int k = 0; k < horizon; k++) plan[k] = scale * call + step * k;
    return done;
  }

  @Override
  public void copyPlan(double[] out) {
    System.arraycopy(plan, 0, out, 0, horizon);
  }

  @Override
  public void shift(int steps) {
    shifts += steps;
    int s = Math.min(steps, horizon);
    double last = plan[horizon - 1];
    System.arraycopy(plan, s, plan, 0, horizon - s);
    for (int k = horizon - s; k < horizon; k++) plan[k] = last;
  }

  @Override
  public void firstAction(double[] action) {
    action[0] = plan[0];
  }

  /** Steps shifted so far. */
  public int shifts() {
    return shifts;
  }

  @Override
  public String name() {
    return "test-planner";
  }
}
