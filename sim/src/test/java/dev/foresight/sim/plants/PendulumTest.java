package dev.foresight.sim.plants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values are worked by hand from Gymnasium's Pendulum-v1 source equations. */
class PendulumTest {

  @Test
  void oneStepFollowsSemiImplicitEulerWithRewardOnThePreStepState() {
    Pendulum p = new Pendulum();
    p.reset(new double[] {1.0, 0.5});

    double reward = p.step(new double[] {1.5});

    // cost = 1^2 + 0.1*0.25 + 0.001*2.25 ; thdot' = 0.5 + (15 sin 1 + 3*1.5)*0.05 ; th' = 1 + thdot'*0.05
    double expectedThdot = 0.5 + (15.0 * Math.sin(1.0) + 4.5) * 0.05;
    double[] s = new double[2];
    p.state(s);
    assertThat(reward).isEqualTo(-(1.0 + 0.025 + 0.00225), within(1e-15));
    assertThat(s[1]).isEqualTo(expectedThdot, within(1e-15));
    assertThat(s[0]).isEqualTo(1.0 + expectedThdot * 0.05, within(1e-15));
  }

  @Test
  void clipsTheTorqueBeforeUsingItInTheRewardAndDynamics() {
    Pendulum clipped = new Pendulum();
    Pendulum limit = new Pendulum();
    clipped.reset(new double[] {0.3, -0.2});
    limit.reset(new double[] {0.3, -0.2});

    double r1 = clipped.step(new double[] {50.0});
    double r2 = limit.step(new double[] {2.0});

    double[] a = new double[2];
    double[] b = new double[2];
    clipped.state(a);
    limit.state(b);
    assertThat(r1).isEqualTo(r2);
    assertThat(a).containsExactly(b);
  }

  @Test
  void clipsTheVelocityBeforeIntegratingTheAngle() {
    Pendulum p = new Pendulum();
    p.reset(new double[] {Math.PI / 2, 7.9});

    p.step(new double[] {2.0});

    double[] s = new double[2];
    p.state(s);
    assertThat(s[1]).isEqualTo(8.0);
    assertThat(s[0]).isEqualTo(Math.PI / 2 + 8.0 * 0.05, within(1e-15));
  }

  @Test
  void rewardUsesTheNormalizedAngleButTheStateKeepsTheRawOne() {
    Pendulum p = new Pendulum();
    p.reset(new double[] {2 * Math.PI + 0.1, 0.0});

    double reward = p.step(new double[] {0.0});

    assertThat(reward).isEqualTo(-0.01, within(1e-12));
    double[] s = new double[2];
    p.state(s);
    assertThat(s[0]).isGreaterThan(2 * Math.PI);
  }

  @Test
  void observesCosineSineAndVelocity() {
    Pendulum p = new Pendulum();
    p.reset(new double[] {0.7, -1.25});
    double[] o = new double[3];
    p.observation(o);
    assertThat(o).containsExactly(Math.cos(0.7), Math.sin(0.7), -1.25);
  }

  @Test
  void resetDrawsFromThePublishedRange() {
    Pendulum p = new Pendulum();
    java.util.random.RandomGenerator random = new java.util.SplittableRandom(3);
    double[] s = new double[2];
    for (int i = 0; i < 1000; i++) {
      p.reset(random);
      p.state(s);
      assertThat(s[0]).isBetween(-Math.PI, Math.PI);
      assertThat(s[1]).isBetween(-1.0, 1.0);
    }
  }
}
