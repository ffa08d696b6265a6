package dev.foresight.models.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PidControllerTest {

  private static final double DT = 0.01;

  private static PidController pid(double kp, double ki, double kd, int rate, boolean wrap) {
    return new PidController(new PidController.Loop[] {
        new PidController.Loop(0, 0, rate, 1.0, kp, ki, kd, 0.5, wrap)},
        new double[] {-10, -1}, new double[] {10, 1}, new double[] {0, 0.25}, DT);
  }

  @Test
  void proportionalAndDerivativeOnTheMeasuredRate() {
    PidController c = pid(2, 0, 0.5, 1, false);
    double[] u = new double[2];
    c.compute(new double[] {0.25, 3.0}, u);   // e = 0.75, dx/dt = 3
    assertThat(u[0]).isEqualTo(2 * 0.75 - 0.5 * 3.0, within(1e-12));
    assertThat(u[1]).as("an action without a loop gets its safe value").isEqualTo(0.25);
  }

  @Test
  void derivativeByDifferenceWhenThereIsNoRateVariable() {
    PidController c = pid(0, 0, 1, -1, false);
    double[] u = new double[2];
    c.compute(new double[] {0.0, 0}, u);
    assertThat(u[0]).as("first tick has no previous sample").isZero();
    c.compute(new double[] {0.02, 0}, u);     // dx/dt = 2
    assertThat(u[0]).isEqualTo(-2.0, within(1e-9));
  }

  @Test
  void integralIsClampedToItsLimitAndFrozenWhileSaturated() {
    PidController c = pid(0, 1, 0, -1, false);
    double[] u = new double[2];
    for (int i = 0; i < 200; i++) c.compute(new double[] {0.0, 0}, u);   // e = 1 for 2 s
    assertThat(c.integral(0)).isEqualTo(0.5, within(1e-12));
    assertThat(u[0]).isEqualTo(0.5, within(1e-12));

    PidController saturating = pid(100, 1, 0, -1, false);
    for (int i = 0; i < 50; i++) saturating.compute(new double[] {0.0, 0}, u);
    assertThat(u[0]).isEqualTo(10.0);
    assertThat(saturating.integral(0)).as("no wind-up while pinned at the limit").isZero();
  }

  @Test
  void wrappedAnglesTakeTheShortWayRound() {
    PidController c = new PidController(new PidController.Loop[] {
        new PidController.Loop(0, 0, -1, Math.PI - 0.1, 1, 0, 0, 1, true)},
        new double[] {-10}, new double[] {10}, new double[] {0}, DT);
    double[] u = new double[1];
    c.compute(new double[] {-Math.PI + 0.1}, u);
    assertThat(u[0]).isEqualTo(-0.2, within(1e-9));
  }

  @Test
  void resetForgetsTheIntegral() {
    PidController c = pid(0, 1, 0, -1, false);
    double[] u = new double[2];
    for (int i = 0; i < 10; i++) c.compute(new double[] {0.0, 0}, u);
    c.reset();
    assertThat(c.integral(0)).isZero();
  }
}
