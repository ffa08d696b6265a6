package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.RobotConfig;
import org.junit.jupiter.api.Test;

class MppiTest {

  static SamplingPlanner mppi(String extra, Fixtures.SteppingClock clock) {
    RobotConfig config = Fixtures.integrator("mppi", extra);
    var p = Fixtures.planner(config);
    var rollouts = new StepwiseRollouts(new Fixtures.Linear(p.samples(), 1, 1, 1, 1, 0),
        CostFunction.of(p.cost(), config), null, 0, p.horizon(), "java linear");
    return Planners.create(p, config, rollouts, clock);
  }

  @Test
  void convergesToTheKnownOptimumOfALinearQuadraticProblem() {
    SamplingPlanner mppi = mppi(", samples: 1024, horizon: 10, iterations: 40, temperature: 1, noise_std: [0.3], noise_beta: 0",
        new Fixtures.SteppingClock(1));
    mppi.plan(new double[] {1.0}, Long.MAX_VALUE);
    double[] plan = new double[10];
    mppi.copyPlan(plan);
    double[] g = Fixtures.optimalGains(10, 1, 1);
    // Optimal closed loop from x0 = 1: u_t = -g_t x_t, x_{t+1} = x_t + u_t.
    double x = 1;
    for (int t = 0; t < 3; t++) {
      double u = -g[t] * x;
      assertThat(plan[t]).as("step " + t).isCloseTo(u, org.assertj.core.data.Offset.offset(0.03));
      x += u;
    }
  }

  @Test
  void keepsEveryPlannedActionWithinTheBoundsEvenWhenTheOptimumLiesOutside() {
    SamplingPlanner mppi = mppi(", samples: 512, horizon: 8, iterations: 10, temperature: 0.1", new Fixtures.SteppingClock(1));
    mppi.plan(new double[] {50.0}, Long.MAX_VALUE);   // optimum would be about -25: far beyond -2
    double[] plan = new double[8];
    mppi.copyPlan(plan);
    for (double u : plan) assertThat(u).isBetween(-2.0, 2.0);
    assertThat(plan[0]).isLessThan(-1.9);
  }

  @Test
  void warmStartShiftsThePlanAndRegulatesInClosedLoopWithOneIterationPerTick() {
    SamplingPlanner mppi = mppi(", samples: 256, horizon: 10, iterations: 1, temperature: 1, noise_std: [0.3]", new Fixtures.SteppingClock(1));
    mppi.plan(new double[] {1.0}, Long.MAX_VALUE);
    double[] before = new double[10];
    mppi.copyPlan(before);
    mppi.shift(1);
    double[] after = new double[10];
    mppi.copyPlan(after);
    for (int t = 0; t < 9; t++) assertThat(after[t]).isEqualTo(before[t + 1]);
    assertThat(after[9]).isEqualTo(before[9]);

    mppi.shift(50);   // longer than the horizon: every step holds the last planned action
    double[] stale = new double[10];
    mppi.copyPlan(stale);
    for (double u : stale) assertThat(u).isEqualTo(after[9]);

    mppi.reset();
    double[] x = {1.0};
    double[] u = new double[1];
    for (int tick = 0; tick < 25; tick++) {
      mppi.compute(x, u);
      x[0] += u[0];
    }
    assertThat(Math.abs(x[0])).as("from 1.0 after 25 ticks").isLessThan(0.1);
  }

  @Test
  void stopsAtTheDeadlineAndKeepsThePreviousPlanWhenItHasAlreadyPassed() {
    Fixtures.SteppingClock clock = new Fixtures.SteppingClock(1_000_000);   // 1 ms per reading
    SamplingPlanner mppi = mppi(", samples: 64, horizon: 5, iterations: 50", clock);
    double[] before = new double[5];
    mppi.copyPlan(before);
    assertThat(mppi.plan(new double[] {1.0}, 0)).as("deadline passed on entry").isZero();
    double[] unchanged = new double[5];
    mppi.copyPlan(unchanged);
    assertThat(unchanged).containsExactly(before);

    int done = mppi.plan(new double[] {1.0}, clock.now + 5_500_000);
    assertThat(done).isBetween(1, 6);
  }
}
