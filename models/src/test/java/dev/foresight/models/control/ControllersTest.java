package dev.foresight.models.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ControllersTest {

  @Test
  void lqrGainMatchesScipyForThePendulum() {
    // scipy.linalg.solve_discrete_are for Pendulum-v1 linearized at upright, dt = 0.05,
    // Q = diag(10, 1), R = 0.1:  K = [12.96616002, 3.28214905]
    double[] k = SwingUpController.balanceGain(1, 1, 10, 10, 1, 0.1, 0.05);
    assertThat(k[0]).isEqualTo(12.96616002, within(1e-6));
    assertThat(k[1]).isEqualTo(3.28214905, within(1e-6));
  }

  @Test
  void lqrGainOfAScalarIntegratorHasTheClosedForm() {
    // x' = x + u, Q = 1, R = 1: P = (1 + sqrt 5) / 2, K = P / (1 + P)
    double p = (1 + Math.sqrt(5)) / 2;
    double[][] k = Lqr.gain(new double[][] {{1}}, new double[][] {{1}}, new double[][] {{1}}, new double[][] {{1}});
    assertThat(k[0][0]).isEqualTo(p / (1 + p), within(1e-9));
  }

  @Test
  void pumpPushesWithTheMotionWhileEnergyIsShort() {
    SwingUpController c = pendulumController();
    double[] u = new double[1];

    c.compute(new double[] {Math.PI, 0.5}, u);
    assertThat(u[0]).isEqualTo(2.0);
    c.compute(new double[] {Math.PI, -0.5}, u);
    assertThat(u[0]).isEqualTo(-2.0);
    assertThat(c.phase()).isEqualTo("pump");
  }

  @Test
  void pumpBrakesWhenThereIsTooMuchEnergy() {
    SwingUpController c = pendulumController();
    double[] u = new double[1];
    // Lying horizontal (cos = 0) spinning at 7 rad/s: E = 1/6 * 49 > E_up = 5.
    c.compute(new double[] {Math.PI / 2, 7.0}, u);
    assertThat(u[0]).isLessThan(0);
  }

  @Test
  void balancesNearUprightAndHandsBackOnlyWellOutside() {
    SwingUpController c = pendulumController();
    double[] u = new double[1];

    c.compute(new double[] {0.1, 0.0}, u);
    assertThat(c.phase()).isEqualTo("balance");
    assertThat(u[0]).isEqualTo(-12.96616002 * 0.1, within(1e-6));

    c.compute(new double[] {0.7, 0.0}, u); // past the catch angle (0.6) but inside 1.5x
    assertThat(c.phase()).isEqualTo("balance");
    c.compute(new double[] {1.0, 0.0}, u);
    assertThat(c.phase()).isEqualTo("pump");
  }

  @Test
  void wrapsTheAngleBeforeDecidingHowFarFromUprightItIs() {
    SwingUpController c = pendulumController();
    double[] u = new double[1];
    c.compute(new double[] {2 * Math.PI + 0.05, 0.0}, u);
    assertThat(c.phase()).isEqualTo("balance");
    assertThat(u[0]).isEqualTo(-12.96616002 * 0.05, within(1e-6));
  }

  @Test
  void lqrControllerTakesWrappedErrorsTheShortWayAndClips() {
    LqrController c = new LqrController(new double[][] {{10, 1}}, new double[] {0, 0},
        new boolean[] {true, false}, new double[] {-2}, new double[] {2});
    double[] u = new double[1];

    c.compute(new double[] {2 * Math.PI - 0.1, 0.0}, u); // 0.1 rad short of upright, the short way
    assertThat(u[0]).isEqualTo(1.0, within(1e-12));
    c.compute(new double[] {-1.0, 0.0}, u);
    assertThat(u[0]).isEqualTo(2.0);
  }

  private static SwingUpController pendulumController() {
    return new SwingUpController(0, 1, 0, -2, 2, 1, 1, 10, 1, 0.6, 10, 1, 0.1, 0.05);
  }
}
