package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.RobotConfig;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CemTest {

  static SamplingPlanner cem(String extra) {
    RobotConfig config = Fixtures.integrator("cem", extra);
    var p = Fixtures.planner(config);
    var rollouts = new StepwiseRollouts(new Fixtures.Linear(p.samples(), 1, 1, 1, 1, 0),
        CostFunction.of(p.cost(), config), null, 0, p.horizon(), "java linear");
    return Planners.create(p, config, rollouts, new Fixtures.SteppingClock(1));
  }

  @Test
  void convergesToTheKnownOptimumOfALinearQuadraticProblem() {
    SamplingPlanner cem = cem(", samples: 512, horizon: 10, iterations: 20, elites: 32, noise_beta: 0");
    cem.plan(new double[] {1.0}, Long.MAX_VALUE);
    double[] plan = new double[10];
    cem.copyPlan(plan);
    double u0 = -Fixtures.optimalGains(10, 1, 1)[0];
    assertThat(plan[0]).isCloseTo(u0, Offset.offset(0.03));
  }

  @Test
  void keptElitesCarryTheSolutionIntoTheNextTick() {
    SamplingPlanner cem = cem(", samples: 128, horizon: 10, iterations: 5, elites: 16, keep_elites: 0.5");
    double[] x = {1.0};
    double[] u = new double[1];
    for (int tick = 0; tick < 20; tick++) {
      cem.compute(x, u);
      assertThat(u[0]).isBetween(-2.0, 2.0);
      x[0] += u[0];
    }
    assertThat(Math.abs(x[0])).isLessThan(0.05);
  }
}
