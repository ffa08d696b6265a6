package dev.foresight.sim.plants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values are worked from Gymnasium's CartPole-v1 equations (explicit Euler, tau = 0.02). */
class CartPoleTest {

  @Test
  void oneStepFromRestWithFullForceMatchesTheEquations() {
    CartPole p = new CartPole();
    p.reset(new double[] {0, 0, 0, 0});

    double reward = p.step(new double[] {10.0});

    // th = 0: temp = 10 / 1.1; thacc = -temp / (0.5 (4/3 - 0.1/1.1)); xacc = temp - 0.05 thacc / 1.1
    double temp = 10.0 / 1.1;
    double thacc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
    double xacc = temp - 0.05 * thacc / 1.1;
    double[] s = new double[4];
    p.state(s);
    assertThat(reward).isEqualTo(1.0);
    assertThat(s[0]).isEqualTo(0.0);                      // position moves with the old velocity
    assertThat(s[1]).isEqualTo(0.02 * xacc, within(1e-15));
    assertThat(s[2]).isEqualTo(0.0);
    assertThat(s[3]).isEqualTo(0.02 * thacc, within(1e-15));
  }

  @Test
  void continuousForceIsClippedToTheDiscreteActionsMagnitude() {
    CartPole a = new CartPole();
    CartPole b = new CartPole();
    double[] start = {0.1, -0.2, 0.03, 0.4};
    a.reset(start);
    b.reset(start);
    a.step(new double[] {-25.0});
    b.step(new double[] {-10.0});
    double[] sa = new double[4];
    double[] sb = new double[4];
    a.state(sa);
    b.state(sb);
    assertThat(sa).containsExactly(sb);
  }

  @Test
  void terminatesBeyondTwelveDegreesAndRewardsOnlyTheFallingStep() {
    CartPole p = new CartPole();
    p.reset(new double[] {0, 0, CartPole.THETA_THRESHOLD - 1e-4, 1.0});

    double fall = p.step(new double[] {0.0});
    assertThat(p.terminated()).isTrue();
    assertThat(fall).isEqualTo(1.0);
    assertThat(p.step(new double[] {0.0})).isEqualTo(0.0);
  }

  @Test
  void terminatesOffTheTrack() {
    CartPole p = new CartPole();
    p.reset(new double[] {2.39, 1.0, 0, 0});
    p.step(new double[] {0.0});
    assertThat(p.terminated()).isTrue();
  }
}
