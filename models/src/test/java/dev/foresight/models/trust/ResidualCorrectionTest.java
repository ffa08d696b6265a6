package dev.foresight.models.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.models.Allocations;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The correction learns the changes a learned pendulum model misses (a weaker motor, friction, a
 * sensor bias, one tick of latency) from the robot's own ticks, and stays bounded when nothing moves.
 */
class ResidualCorrectionTest {

  static final double DT = 0.05;
  static final boolean[] WRAPPED = {true, false};

  /** Pendulum-v1's step (theta, theta_dot; torque), with a motor gain, viscous friction and the action acting. */
  static void pendulum(double[] x, double u, double gain, double friction, double[] out) {
    double thetaDot = x[1] + (3 * 10.0 / 2 * Math.sin(x[0]) + 3.0 * gain * u - friction * x[1]) * DT;
    thetaDot = Math.clamp(thetaDot, -8, 8);
    out[0] = dev.foresight.config.Angles.wrap(x[0] + thetaDot * DT);
    out[1] = thetaDot;
  }

  /** Learns on a random-torque run of the changed plant; returns the RMS one-step error before and after. */
  static double[] learn(double gain, double friction, double bias, boolean latency) {
    ResidualCorrection c = new ResidualCorrection(WRAPPED, 1, ResidualCorrection.Settings.defaults());
    SplittableRandom r = new SplittableRandom(7);
    double[] x = {Math.PI, 0};
    double[] next = new double[2];
    double[] model = new double[2];
    double[] measured = new double[2];
    double[] measuredNext = new double[2];
    double[] corrected = new double[2];
    double[] u = new double[1];
    double[] uPrev = new double[1];
    double before = 0;
    double after = 0;
    int n = 0;
    for (int t = 0; t < 3000; t++) {
      u[0] = 2 * (2 * r.nextDouble() - 1);
      double acting = latency ? uPrev[0] : u[0];
      pendulum(x, acting, gain, friction, next);
      measured[0] = dev.foresight.config.Angles.wrap(x[0] + bias);
      measured[1] = x[1];
      measuredNext[0] = dev.foresight.config.Angles.wrap(next[0] + bias);
      measuredNext[1] = next[1];
      pendulum(measured, u[0], 1.0, 0.0, model);   // the model: the nominal plant, from what it measures
      if (t >= 2500) {
        System.arraycopy(model, 0, corrected, 0, 2);
        c.apply(measured, u, uPrev, corrected);
        before += sq(dev.foresight.config.Angles.wrap(measuredNext[0] - model[0])) + sq(measuredNext[1] - model[1]);
        after += sq(dev.foresight.config.Angles.wrap(measuredNext[0] - corrected[0])) + sq(measuredNext[1] - corrected[1]);
        n++;
      }
      c.update(measured, u, uPrev, model, measuredNext);
      uPrev[0] = u[0];
      System.arraycopy(next, 0, x, 0, 2);
    }
    return new double[] {Math.sqrt(before / n), Math.sqrt(after / n)};
  }

  static double sq(double v) {
    return v * v;
  }

  @Test
  void learnsAWeakerMotor() {
    double[] e = learn(0.7, 0, 0, false);
    assertThat(e[1]).as("RMS after vs before %s", java.util.Arrays.toString(e)).isLessThan(0.05 * e[0]);
  }

  @Test
  void learnsViscousFriction() {
    double[] e = learn(1.0, 0.5, 0, false);
    assertThat(e[1]).as("%s", java.util.Arrays.toString(e)).isLessThan(0.1 * e[0]);
  }

  @Test
  void learnsOneMoreTickOfActuationLatency() {
    double[] e = learn(1.0, 0, 0, true);
    // Not all of it: where the speed clamp (8 rad/s) cuts in, the latency's effect is no longer linear.
    assertThat(e[1]).as("%s", java.util.Arrays.toString(e)).isLessThan(0.15 * e[0]);
  }

  @Test
  void learnsASensorBias() {
    double[] e = learn(1.0, 0, 0.1, false);
    assertThat(e[1]).as("%s", java.util.Arrays.toString(e)).isLessThan(0.3 * e[0]);
  }

  @Test
  void aRobotThatSitsStillKeepsTheCovarianceBoundedAndTheWeightsFinite() {
    ResidualCorrection c = new ResidualCorrection(WRAPPED, 1, ResidualCorrection.Settings.defaults());
    double[] x = {0, 0};
    double[] u = {0};
    double[] next = {0, 0};
    for (int t = 0; t < 200_000; t++) c.update(x, u, u, next, next);
    double[] w = new double[c.weightCount()];
    c.copyWeights(w);
    for (double v : w) assertThat(v).isFinite().isCloseTo(0, within(1e-9));
    // One informative tick later it still learns, and sensibly.
    double[] model = {0, 0};
    double[] came = {0, 0.01};
    assertThat(c.update(new double[] {0.1, 0.2}, new double[] {1}, u, model, came)).isTrue();
    c.copyWeights(w);
    for (double v : w) assertThat(v).isFinite();
  }

  @Test
  void skipsNonFiniteTicks() {
    ResidualCorrection c = new ResidualCorrection(WRAPPED, 1, ResidualCorrection.Settings.defaults());
    assertThat(c.update(new double[] {0, 0}, new double[] {1}, new double[] {0}, new double[] {Double.NaN, 0},
        new double[] {0, 0})).isFalse();
    assertThat(c.updates()).isZero();
  }

  @Test
  void updatingAndApplyingAllocateNothing() {
    ResidualCorrection c = new ResidualCorrection(WRAPPED, 1, ResidualCorrection.Settings.defaults());
    double[] x = {0.3, -0.2};
    double[] u = {0.5};
    double[] uPrev = {0.4};
    double[] model = {0.31, -0.1};
    double[] came = {0.32, -0.12};
    double[] out = new double[2];
    assertThat(Allocations.steadyState(10_000, () -> {
      c.update(x, u, uPrev, model, came);
      out[0] = model[0];
      out[1] = model[1];
      c.apply(x, u, uPrev, out);
    })).isZero();
  }
}
