package dev.foresight.models.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  static final List<String> NAMES = List.of("theta", "theta_dot");

  static Calibration sample() {
    return new Calibration(NAMES, new double[] {0.01, 0.05}, new double[] {0.002, 0.03}, 2.0, 25.0, 18.5, 1.2, 0.6,
        0.1, 20.0, 2000);
  }

  @Test
  void survivesTheTripThroughModelMetadata() throws CalibrationException {
    Calibration c = sample();
    Map<String, String> metadata = new HashMap<>(c.toMetadata());
    metadata.put("foresight.state_names", "theta,theta_dot");   // other keys do not disturb it
    assertThat(Calibration.fromMetadata(metadata, NAMES)).contains(c);
    assertThat(c.toMetadata()).containsEntry("foresight.monitor.residual_scale", "0.01,0.05")
        .containsEntry("foresight.monitor.cusum_h", "18.5");
  }

  @Test
  void aModelWithoutCalibrationKeysIsUncalibratedNotBroken() throws CalibrationException {
    assertThat(Calibration.fromMetadata(Map.of("foresight.format", "1"), NAMES)).isEmpty();
  }

  @Test
  void corruptOrMissingKeysAreOneLineNamingTheKey() {
    Map<String, String> m = new HashMap<>(sample().toMetadata());
    m.remove("foresight.monitor.cusum_h");
    assertThatThrownBy(() -> Calibration.fromMetadata(m, NAMES)).isInstanceOf(CalibrationException.class)
        .hasMessage("foresight.monitor.cusum_h: missing (the model's calibration is incomplete; foresight model "
            + "calibrate writes every key)");
    Map<String, String> bad = new HashMap<>(sample().toMetadata());
    bad.put("foresight.monitor.residual_scale", "0.01");
    assertThatThrownBy(() -> Calibration.fromMetadata(bad, NAMES))
        .hasMessage("foresight.monitor.residual_scale: 1 values for 2 state variables");
    bad.put("foresight.monitor.residual_scale", "0.01,abc");
    assertThatThrownBy(() -> Calibration.fromMetadata(bad, NAMES))
        .hasMessage("foresight.monitor.residual_scale: 'abc' is not a number");
    bad.put("foresight.monitor.residual_scale", "0.01,-1");
    assertThatThrownBy(() -> Calibration.fromMetadata(bad, NAMES))
        .hasMessage("foresight.monitor.residual_scale: -1 must be a finite number above 0");
    Map<String, String> nan = new HashMap<>(sample().toMetadata());
    nan.put("foresight.monitor.arl_log_slope", "NaN");
    assertThatThrownBy(() -> Calibration.fromMetadata(nan, NAMES))
        .hasMessage("foresight.monitor.arl_log_slope: 'NaN' is not a finite number");
    Map<String, String> format = new HashMap<>(sample().toMetadata());
    format.put("foresight.monitor.format", "7");
    assertThatThrownBy(() -> Calibration.fromMetadata(format, NAMES))
        .hasMessage("foresight.monitor.format: 7 is not a calibration format this runtime reads (1)");
  }

  @Test
  void theThresholdForAnotherFalseAlarmRateFollowsTheFittedRunLengthCurve() {
    Calibration c = sample();
    assertThat(c.threshold(0.1, 20.0)).isEqualTo(18.5);
    // ln ARL0 = a + b h: ten times fewer false alarms cost ln(10) / b more threshold.
    double h1 = c.threshold(1.0, 20.0);
    double h01 = c.threshold(0.01, 20.0);
    assertThat(h01 - h1).isCloseTo(2 * Math.log(10) / 0.6, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(c.threshold(1.0, 20.0)).isEqualTo((Math.log(20.0 * 3600) - 1.2) / 0.6);
  }
}
