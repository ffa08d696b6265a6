package dev.foresight.models.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The calibration meets its false-alarm target on fresh residuals like the held-out ones, also when
 * they are autocorrelated (as a learned model's errors are), and refuses what it cannot calibrate.
 */
class CalibratorTest {

  static final List<String> NAMES = List.of("theta", "theta_dot");
  /** One false alarm per hour at 20 Hz: 72,000 ticks between false alarms. */
  static final Calibrator.Settings ONE_PER_HOUR = Calibrator.Settings.defaults(1.0, 20.0);

  /** Episodes of AR(1) residuals with correlation rho (0: independent), scales 0.01 and 0.1, and spreads. */
  static List<Calibrator.Episode> episodes(long seed, int count, int ticks, double rho) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Calibrator.Episode> out = new ArrayList<>();
    double innovationScale = Math.sqrt(1 - rho * rho);
    for (int e = 0; e < count; e++) {
      double[][] innovation = new double[ticks][2];
      double[][] spread = new double[ticks][2];
      double a = TrustMonitorTest.gaussian(r);
      double b = TrustMonitorTest.gaussian(r);
      for (int t = 0; t < ticks; t++) {
        a = rho * a + innovationScale * TrustMonitorTest.gaussian(r);
        b = rho * b + innovationScale * TrustMonitorTest.gaussian(r);
        innovation[t][0] = 0.01 * a;
        innovation[t][1] = 0.1 * b;
        spread[t][0] = 0.004 * (1 + 0.3 * Math.abs(TrustMonitorTest.gaussian(r)));
        spread[t][1] = 0.04 * (1 + 0.3 * Math.abs(TrustMonitorTest.gaussian(r)));
      }
      out.add(new Calibrator.Episode(innovation, spread));
    }
    return out;
  }

  /** False alarms of a monitor with {@code c}'s threshold over fresh episodes. */
  static long falseAlarms(Calibration c, List<Calibrator.Episode> fresh) {
    TrustMonitor m = new TrustMonitor(c, c.h(), new boolean[2]);
    double[] zero = new double[2];
    double[] predicted = new double[2];
    long alarms = 0;
    for (Calibrator.Episode e : fresh) {
      for (int t = 0; t < e.ticks(); t++) {
        predicted[0] = -e.innovation()[t][0];
        predicted[1] = -e.innovation()[t][1];
        if (m.observe(zero, predicted, e.spread()[t])) alarms++;
      }
    }
    return alarms;
  }

  @Test
  void independentResidualsAlarmAtTheTargetRate() throws CalibrationException {
    Calibration c = Calibrator.calibrate(NAMES, episodes(1, 20, 200, 0.0), ONE_PER_HOUR);
    assertThat(c.residualScale()[0]).isCloseTo(0.01, org.assertj.core.api.Assertions.withinPercentage(10));
    assertThat(c.residualScale()[1]).isCloseTo(0.1, org.assertj.core.api.Assertions.withinPercentage(10));
    assertThat(c.heldOutTicks()).isEqualTo(4000);
    // 20 hours of fresh residuals: about 20 false alarms expected (Poisson: 95% within 12..29).
    long alarms = falseAlarms(c, episodes(99, 7200, 200, 0.0));
    assertThat(alarms).as("false alarms in 20 h at 1 per hour, h = %.2f", c.h()).isBetween(8L, 36L);
  }

  @Test
  void autocorrelatedResidualsNeedAHigherThresholdAndStillMeetTheTarget() throws CalibrationException {
    Calibration independent = Calibrator.calibrate(NAMES, episodes(1, 20, 200, 0.0), ONE_PER_HOUR);
    Calibration correlated = Calibrator.calibrate(NAMES, episodes(1, 20, 200, 0.7), ONE_PER_HOUR);
    assertThat(correlated.h()).isGreaterThan(independent.h() * 1.3);
    long alarms = falseAlarms(correlated, episodes(77, 7200, 200, 0.7));
    assertThat(alarms).as("false alarms in 20 h at 1 per hour, h = %.2f", correlated.h()).isBetween(5L, 45L);
    // The threshold a formula for independent residuals would give alarms far too often here.
    assertThat(falseAlarms(independent, episodes(77, 7200, 200, 0.7))).isGreaterThan(3 * alarms);
  }

  @Test
  void sameDataAndSeedGiveTheSameCalibration() throws CalibrationException {
    assertThat(Calibrator.calibrate(NAMES, episodes(5, 10, 200, 0.3), ONE_PER_HOUR))
        .isEqualTo(Calibrator.calibrate(NAMES, episodes(5, 10, 200, 0.3), ONE_PER_HOUR));
  }

  @Test
  void refusesTooLittleHeldOutData() {
    assertThatThrownBy(() -> Calibrator.calibrate(NAMES, episodes(1, 1, 150, 0), ONE_PER_HOUR))
        .isInstanceOf(CalibrationException.class)
        .hasMessage("calibration needs at least 200 held-out ticks; the data has 150 (record more episodes the model "
            + "was not trained on)");
  }

  @Test
  void refusesResidualsThatAreAllZero() {
    List<Calibrator.Episode> zero = List.of(new Calibrator.Episode(new double[300][2], null));
    assertThatThrownBy(() -> Calibrator.calibrate(NAMES, zero, ONE_PER_HOUR))
        .hasMessageStartingWith("theta: the one-step residuals on the held-out data are all zero");
  }

  @Test
  void refusesWhenAHeldOutEpisodeAlarmsAtTheThresholdFound() {
    List<Calibrator.Episode> data = new ArrayList<>(episodes(1, 20, 200, 0.0));
    // One episode where the model is persistently wrong by 4 residual scales: its own data says "untrusted".
    double[][] wrong = new double[200][2];
    for (double[] row : wrong) row[1] = 0.4;
    double[][] spread = new double[200][2];
    for (double[] row : spread) {
      row[0] = 0.004;
      row[1] = 0.04;
    }
    data.add(new Calibrator.Episode(wrong, spread));
    assertThatThrownBy(() -> Calibrator.calibrate(NAMES, data, ONE_PER_HOUR))
        .hasMessageStartingWith("held-out episode 21 alarms at tick ")
        .hasMessageContaining("(theta_dot, statistic ")
        .hasMessageContaining("use more or other held-out data, or a higher false_alarms_per_hour");
  }
}
