package dev.foresight.models.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The world models shipped in models/ carry their trust monitor's calibration (models/reproduce.sh:
 * {@code model calibrate} on 10 closed-loop episodes of MPPI on the int8 model), so the demo runs with
 * the monitor on.
 */
class ShippedModelsCalibrationTest {

  static final List<String> PENDULUM = List.of("theta", "theta_dot");
  static final List<String> CARTPOLE = List.of("x", "x_dot", "theta", "theta_dot");

  /** The repository's models/ folder (tests run in the module's folder, which is models/ itself). */
  static Path models() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isRegularFile(here.resolve("reproduce.sh")) ? here : here.resolve("models");
  }

  static Optional<Calibration> calibration(String file, List<String> state) throws CalibrationException {
    try (ModelSession s = ModelSession.open(models().resolve(file), SessionSettings.DEFAULT)) {
      return Calibration.fromMetadata(s.metadata(), state);
    }
  }

  @Test
  void thePendulumModelsAreCalibratedForOneFalseAlarmPerTenHoursAt20Hz() throws Exception {
    for (String file : List.of("pendulum/pendulum-int8.onnx", "pendulum/pendulum-fp32.onnx")) {
      Calibration c = calibration(file, PENDULUM).orElseThrow(() -> new AssertionError(file + " is not calibrated"));
      assertThat(c.falseAlarmsPerHour()).as(file).isEqualTo(0.1);
      assertThat(c.rateHz()).as(file).isEqualTo(20.0);
      assertThat(c.heldOutTicks()).as(file + ": 10 closed-loop episodes of 199 transitions").isEqualTo(1990);
      assertThat(c.h()).as(file).isPositive().isFinite();
      assertThat(c.hasSpread()).as(file + ": an ensemble").isTrue();
      assertThat(c.residualScale()).as(file).hasSize(2);
      for (double v : c.residualScale()) assertThat(v).as(file).isPositive();
    }
  }

  @Test
  void bothCartPoleModelsAreCalibratedForOneFalseAlarmPerTenHoursAt50Hz() throws Exception {
    for (String file : List.of("cartpole/cartpole-int8.onnx", "cartpole/cartpole-fp32.onnx")) {
      Calibration c = calibration(file, CARTPOLE).orElseThrow(() -> new AssertionError(file + " is not calibrated"));
      assertThat(c.falseAlarmsPerHour()).as(file).isEqualTo(0.1);
      assertThat(c.rateHz()).as(file).isEqualTo(50.0);
      assertThat(c.heldOutTicks()).as(file + ": 10 closed-loop episodes of 499 transitions").isEqualTo(4990);
      assertThat(c.h()).as(file).isPositive().isFinite();
      assertThat(c.residualScale()).as(file).hasSize(4);
    }
  }
}
