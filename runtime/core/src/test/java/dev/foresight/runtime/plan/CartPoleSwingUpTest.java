package dev.foresight.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.Angles;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.sim.plants.CartPoleSwingUp;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** MPPI beyond the pendulum: the underactuated cart-pole swung up and held centred (ground truth). */
class CartPoleSwingUpTest {

  @Test
  void mppiSwingsTheCartPoleUpAndHoldsItCentredForTheLastTwoSeconds() {
    var loaded = TestConfigs.example("cartpole-swingup-mppi.yaml");
    try (SamplingPlanner mppi = PlannerAssembly.planner(loaded, new Episodes.Counter())) {
      CartPoleSwingUp plant = new CartPoleSwingUp();
      plant.reset(new SplittableRandom(3));
      double[] s = new double[4];
      double[] u = new double[1];
      double worstAngle = 0;
      double worstX = 0;
      for (int step = 0; step < 400; step++) {   // 8 s at 50 Hz
        plant.state(s);
        s[2] = Angles.wrap(s[2]);
        if (step >= 300) {
          worstAngle = Math.max(worstAngle, Math.abs(s[2]));
          worstX = Math.max(worstX, Math.abs(s[0]));
        }
        mppi.compute(s, u);
        plant.step(u);
        assertThat(plant.terminated()).as("cart left the track at step " + step).isFalse();
      }
      assertThat(worstAngle).as("largest |angle| over the last 2 s").isLessThan(0.2);
      assertThat(worstX).as("largest |x| over the last 2 s").isLessThan(0.5);
    }
  }
}
