package dev.foresight.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.Angles;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.sim.plants.Pendulum;
import org.junit.jupiter.api.Test;

/** The quality bar with the ground-truth model: Pendulum-v1 swung up from hanging down within 5 s. */
class PendulumSwingUpTest {

  @Test
  void mppiOnTheGroundTruthModelSwingsUpFromHangingWithinFiveSecondsAndStaysUp() throws Exception {
    var loaded = TestConfigs.example("pendulum-mppi.yaml");
    try (SamplingPlanner mppi = PlannerAssembly.planner(loaded, new Episodes.Counter())) {
      Pendulum plant = new Pendulum();
      plant.reset(new double[] {Math.PI, 0});
      double[] x = new double[2];
      double[] u = new double[1];
      int upright = -1;
      for (int step = 0; step < 200; step++) {
        plant.state(x);
        x[0] = Angles.wrap(x[0]);
        boolean up = Math.abs(x[0]) < 0.1 && Math.abs(x[1]) < 0.5;
        if (up && upright < 0) upright = step;
        if (upright >= 0 && step > upright + 20) assertThat(Math.abs(x[0])).as("stays up at step " + step).isLessThan(0.2);
        mppi.compute(x, u);
        plant.step(u);
      }
      System.out.println("upright after " + upright * 0.05 + " s");
      assertThat(upright).as("steps until upright (20 per second)").isBetween(1, 100);
    }
  }
}
