package dev.foresight.runtime.tools;

import static dev.foresight.runtime.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.ConfigLoader;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.trust.Calibration;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun.Result;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight model calibrate} writes a calibration into the model that the robot then runs its
 * trust monitor with; bad input is one line.
 */
class ModelCalibrateCommandTest {

  @TempDir static Path dir;
  static Path heldOut;

  @BeforeAll
  static void collectHeldOutData() {
    System.setProperty("foresight.home", TestConfigs.ROOT.toString());
    Result collect = run("sim", "collect", "--plant", "pendulum", "--episodes", "8", "--steps", "200", "--seed",
        "9001", "--out", dir.resolve("held-out").toString());
    assertThat(collect.code()).as(collect.err()).isZero();
    heldOut = dir.resolve("held-out");
  }

  static Path shippedModelCopy(String name) throws Exception {
    Path copy = Files.createDirectories(dir.resolve(name)).resolve("pendulum-int8.onnx");
    Files.copy(TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx"), copy,
        StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  @Test
  void writesTheCalibrationIntoTheModelAndTheRobotWatchesWithIt() throws Exception {
    Path model = shippedModelCopy("calibrated");
    Result r = run("model", "calibrate", "--model", model.toString(), "--data", heldOut.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("calibrated on 1592 held-out ticks for 0.1 false alarms per hour at 20 Hz",
        "theta        residual scale", "spread 99%", "CUSUM: k 2.00, cap 9.00, threshold h ");
    Map<String, String> metadata;
    try (ModelSession s = ModelSession.open(model, SessionSettings.DEFAULT)) {
      metadata = s.metadata();
    }
    assertThat(metadata).containsKeys("foresight.state_names", "foresight.monitor.cusum_h");
    Calibration c = Calibration.fromMetadata(metadata, List.of("theta", "theta_dot")).orElseThrow();
    assertThat(c.heldOutTicks()).isEqualTo(1592);
    for (double v : c.residualScale()) assertThat(v).isPositive();

    // The demo's robot on the calibrated model: its monitor runs, and a nominal run does not alarm.
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replace("../../models/pendulum/pendulum-int8.onnx", model.toString())
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("  initial_state: [3.14159, 0.0]", "  paced: false\n  initial_state: [3.14159, 0.0]");
    Path config = dir.resolve("calibrated/robot.yaml");
    Files.writeString(config, yaml);
    try (Robot robot = Robot.assemble(ConfigLoader.load(config), new SteppedClock(0))) {
      assertThat(robot.loop().trust().monitors()).isTrue();
      robot.safety().arm("test");
      for (int t = 1; t <= 400; t++) robot.loop().doWork(t * robot.runner().periodNs());
      assertThat(robot.loop().trust().alarms()).as("alarms in 20 s of the nominal demo").isZero();
    }
    // Calibrating again replaces the keys (no stale ones).
    Result again = run("model", "calibrate", "--model", model.toString(), "--data", heldOut.toString(),
        "--false-alarms-per-hour", "1");
    assertThat(again.code()).as(again.err()).isZero();
    try (ModelSession s = ModelSession.open(model, SessionSettings.DEFAULT)) {
      assertThat(s.metadata()).containsEntry("foresight.monitor.false_alarms_per_hour", "1.0");
    }
  }

  @Test
  void recordingsOfAnotherRobotAreOneLineNamingBothSides() throws Exception {
    Result collect = run("sim", "collect", "--plant", "cartpole-swingup", "--episodes", "1", "--steps", "50",
        "--out", dir.resolve("cartpole").toString());
    assertThat(collect.code()).as(collect.err()).isZero();
    Path model = shippedModelCopy("other");
    Result r = run("model", "calibrate", "--model", model.toString(), "--data", dir.resolve("cartpole").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains("the model's state variables [theta, theta_dot] do not match the recordings' [x, "
        + "x_dot, theta, theta_dot]").doesNotContain("Exception");
  }

  @Test
  void tooLittleHeldOutDataIsRefusedWithTheReason() throws Exception {
    Result collect = run("sim", "collect", "--plant", "pendulum", "--episodes", "1", "--steps", "100", "--seed",
        "9100", "--out", dir.resolve("short").toString());
    assertThat(collect.code()).as(collect.err()).isZero();
    Path model = shippedModelCopy("short");
    byte[] before = Files.readAllBytes(model);
    Result r = run("model", "calibrate", "--model", model.toString(), "--data", dir.resolve("short").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: ").contains("cannot calibrate on 100 recorded ticks: calibration needs "
        + "at least 200 held-out ticks; the data has 99");
    assertThat(Files.readAllBytes(model)).as("a refused calibration leaves the model as it was").isEqualTo(before);
  }

  @Test
  void aBadFalseAlarmRateIsAUsageError() throws Exception {
    Result r = run("model", "calibrate", "--model", shippedModelCopy("rate").toString(), "--data", heldOut.toString(),
        "--false-alarms-per-hour", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: --false-alarms-per-hour: 0.0 is out of range (above 0, at most 3600)\n");
  }
}
