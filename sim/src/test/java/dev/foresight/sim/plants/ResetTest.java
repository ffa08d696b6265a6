package dev.foresight.sim.plants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each plant's random reset draws from its published starting distribution. */
class ResetTest {

  private static final int DRAWS = 2000;

  @Test
  void acrobotStartsNearlyDownAtRestInFloat32() {
    Acrobot p = new Acrobot();
    SplittableRandom random = new SplittableRandom(1);
    double[] s = new double[4];
    for (int i = 0; i < DRAWS; i++) {
      p.reset(random);
      p.state(s);
      for (double v : s) {
        assertThat(v).isBetween(-0.1, 0.1);
        assertThat((double) (float) v).isEqualTo(v);   // stored as float32, as Acrobot-v1's reset does
      }
    }
  }

  @Test
  void swingUpStartsWithThePoleDown() {
    CartPoleSwingUp p = new CartPoleSwingUp();
    SplittableRandom random = new SplittableRandom(2);
    double[] s = new double[4];
    for (int i = 0; i < DRAWS; i++) {
      p.reset(random);
      p.state(s);
      assertThat(s[2]).isBetween(Math.PI - 0.05, Math.PI + 0.05);
      assertThat(s[0]).isBetween(-0.05, 0.05);
    }
  }

  @Test
  void mountainCarStartsInTheValleyAtRest() {
    MountainCar p = new MountainCar();
    SplittableRandom random = new SplittableRandom(3);
    double[] s = new double[2];
    for (int i = 0; i < DRAWS; i++) {
      p.reset(random);
      p.state(s);
      assertThat(s[0]).isBetween(-0.6, -0.4);
      assertThat(s[1]).isZero();
    }
  }

  @Test
  void roverStartsAtRestWithAFullBattery() {
    Rover p = new Rover();
    SplittableRandom random = new SplittableRandom(4);
    double[] s = new double[10];
    for (int i = 0; i < DRAWS; i++) {
      p.reset(random);
      p.state(s);
      assertThat(s[Rover.X]).isBetween(-1.0, 1.0);
      assertThat(s[Rover.HEADING]).isBetween(-Math.PI, Math.PI);
      assertThat(s[Rover.SPEED]).isZero();
      assertThat(s[Rover.STATE_OF_CHARGE]).isEqualTo(1.0);
    }
  }

  @Test
  void cartPoleStartsNearUpright() {
    CartPole p = new CartPole();
    SplittableRandom random = new SplittableRandom(5);
    double[] s = new double[4];
    for (int i = 0; i < DRAWS; i++) {
      p.reset(random);
      p.state(s);
      for (double v : s) assertThat(v).isBetween(-0.05, 0.05);
    }
  }
}
