package dev.foresight.runtime.bench;

import dev.foresight.models.control.Planner;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The planner {@code bench loop --planner inline|async} measures the plan modes with: random
 * shooting on {@link BenchIo}'s arm model. Each iteration rolls out {@value #SAMPLES} perturbed
 * copies of the current plan over the horizon and keeps the cheapest (squared angle error plus a
 * little voltage). It is a benchmark fixture with a realistic, fixed cost per iteration (a few
 * thousand model steps), seeded and allocation-free; the product's planners (MPPI, CEM) live in
 * {@code models}.
 */
public final class BenchPlanner implements Planner {

  static final int SAMPLES = 32;
  private static final double NOISE_V = 2.0;

  private final int horizon;
  private final double dtS;
  private final double target;
  private final double maxV;
  private final int maxIterations;
  private final LongSupplier clock;
  private final SplittableRandom random = new SplittableRandom(42);
  private final double[] plan;
  private final double[] candidate;
  private final double[] best;

  /**
   * @param horizon       plan steps
   * @param periodNs      loop period (model step)
   * @param target        angle to hold, rad
   * @param maxV          voltage limit
   * @param maxIterations iterations per plan call when time allows
   * @param clock         nanoseconds, for the deadline
   */
  public BenchPlanner(int horizon, long periodNs, double target, double maxV, int maxIterations, LongSupplier clock) {
    this.horizon = horizon;
    this.dtS = periodNs * 1e-9;
    this.target = target;
    this.maxV = maxV;
    this.maxIterations = maxIterations;
    this.clock = clock;
    this.plan = new double[horizon];
    this.candidate = new double[horizon];
    this.best = new double[horizon];
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
    int done = 0;
    while (done < maxIterations && clock.getAsLong() < deadlineNs) {
      double bestCost = rollout(state, plan);
      System.arraycopy(plan, 0, best, 0, horizon);
      for (int k = 0; k < SAMPLES; k++) {
        for (int t = 0; t < horizon; t++) {
          candidate[t] = Math.clamp(plan[t] + NOISE_V * (2 * random.nextDouble() - 1), -maxV, maxV);
        }
        double cost = rollout(state, candidate);
        if (cost < bestCost) {
          bestCost = cost;
          System.arraycopy(candidate, 0, best, 0, horizon);
        }
      }
      System.arraycopy(best, 0, plan, 0, horizon);
      done++;
    }
    return done;
  }

  /** Cost of applying {@code u} from {@code state} with BenchIo's arm dynamics. */
  private double rollout(double[] state, double[] u) {
    double angle = state[0];
    double rate = state[1];
    double cost = 0;
    for (int t = 0; t < horizon; t++) {
      double current = (u[t] - 0.1 * rate) / 2.0;
      double torque = 0.1 * current - 0.02 * rate - 0.2 * Math.sin(angle);
      rate += torque / 0.01 * dtS;
      angle += rate * dtS;
      double e = angle - target;
      cost += e * e + 1e-4 * u[t] * u[t];
    }
    return cost;
  }

  @Override
  public void copyPlan(double[] out) {
    System.arraycopy(plan, 0, out, 0, horizon);
  }

  @Override
  public void shift(int steps) {
    int s = Math.min(steps, horizon);
    double last = plan[horizon - 1];
    System.arraycopy(plan, s, plan, 0, horizon - s);
    for (int t = horizon - s; t < horizon; t++) plan[t] = last;
  }

  @Override
  public void firstAction(double[] action) {
    action[0] = plan[0];
  }

  @Override
  public String name() {
    return "bench-shooting";
  }
}
