package dev.foresight.models.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.Allocations;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrustMonitorTest {

  static final List<String> NAMES = List.of("theta", "theta_dot");

  /** sigma 0.01 and 0.1, spread quantiles 0.005 and 0.05, k 2, cap 25. */
  static Calibration calibration(double h) {
    return new Calibration(NAMES, new double[] {0.01, 0.1}, new double[] {0.005, 0.05}, 2.0, 25.0, h, 0, 1, 0.1, 20,
        1000);
  }

  @Test
  void aModelThatPredictsWithinItsResidualScaleNeverAlarms() {
    TrustMonitor m = new TrustMonitor(calibration(40), 40, new boolean[] {true, false});
    SplittableRandom r = new SplittableRandom(3);
    double[] state = new double[2];
    double[] predicted = new double[2];
    double[] spread = {0.002, 0.02};
    for (int t = 0; t < 100_000; t++) {
      predicted[0] = state[0] + 0.01 * gaussian(r);
      predicted[1] = state[1] + 0.1 * gaussian(r);
      assertThat(m.observe(state, predicted, spread)).as("tick %d", t).isFalse();
    }
    assertThat(m.statistic()).isLessThan(1.0);
  }

  @Test
  void aBiasOfThreeResidualScalesAlarmsAfterAboutHOverTheDrift() {
    TrustMonitor m = new TrustMonitor(calibration(35), 35, new boolean[] {true, false});
    double[] state = {0, 0};
    double[] predicted = {0, -0.3};   // theta_dot 3 sigma off: z^2 = 9, drift 9 - 2 = 7 per tick
    double[] spread = {0.001, 0.01};
    int ticks = 0;
    while (!m.observe(state, predicted, spread)) ticks++;
    assertThat(ticks + 1).isEqualTo(6);   // 35 / 7 = 5 ticks reach the line, the 6th crosses it
    assertThat(m.channelName(m.channel())).isEqualTo("theta_dot");
    assertThat(m.statistic()).isGreaterThan(1.0);
    assertThat(m.observe(state, predicted, spread)).as("restarted after the alarm").isFalse();
    assertThat(m.statistic()).isCloseTo(7.0 / 35, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void anglesAreComparedTheShortWayRound() {
    TrustMonitor m = new TrustMonitor(calibration(35), 35, new boolean[] {true, false});
    for (int t = 0; t < 1000; t++) {
      assertThat(m.observe(new double[] {Math.PI - 0.001, 0}, new double[] {-Math.PI + 0.001, 0},
          new double[] {0, 0})).isFalse();
    }
  }

  @Test
  void anEnsembleThatDisagreesWithItselfAlarmsOnItsSpread() {
    TrustMonitor m = new TrustMonitor(calibration(35), 35, new boolean[] {true, false});
    double[] state = {0, 0};
    int ticks = 0;
    while (!m.observe(state, state, new double[] {0.001, 0.2})) ticks++;   // 4x the 99% quantile: drift 14
    assertThat(ticks + 1).isEqualTo(3);
    assertThat(m.channelName(m.channel())).isEqualTo("spread(theta_dot)");
  }

  @Test
  void aNonFinitePredictionAlarmsOnTheSameTick() {
    TrustMonitor m = new TrustMonitor(calibration(35), 35, new boolean[] {true, false});
    assertThat(m.observe(new double[] {0, 0}, new double[] {0, Double.NaN}, new double[] {0, 0})).isTrue();
    assertThat(m.nonFinite()).isTrue();
    assertThat(m.statistic()).isInfinite();
    assertThat(m.channelName(m.channel())).isEqualTo("theta_dot");
    assertThat(m.observe(new double[] {0, 0}, new double[] {0, 0}, new double[] {0, Double.POSITIVE_INFINITY}))
        .isTrue();
    assertThat(m.observe(new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0})).isFalse();
    assertThat(m.nonFinite()).isFalse();
  }

  @Test
  void observingAllocatesNothing() {
    TrustMonitor m = new TrustMonitor(calibration(35), 35, new boolean[] {true, false});
    double[] state = {0.1, 0.2};
    double[] predicted = {0.1, 0.25};
    double[] spread = {0.001, 0.01};
    assertThat(Allocations.steadyState(10_000, () -> m.observe(state, predicted, spread))).isZero();
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian in every JDK's API surface we rely on.
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
