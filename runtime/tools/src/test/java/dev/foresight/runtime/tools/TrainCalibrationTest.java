package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.trust.Calibration;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.learn.Reservoir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code model train} calibrates what it exports: a freshly trained model carries its trust
 * monitor's calibration (on the episodes held out for early stopping), or says why it cannot.
 */
class TrainCalibrationTest {

  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void collect() {
    System.setProperty("foresight.home", TestConfigs.ROOT.toString());
    CliRun.Result collect = CliRun.run("sim", "collect", "--plant", "pendulum", "--episodes", "10", "--steps", "200",
        "--seed", "21", "--out", dir.resolve("data").toString());
    assertThat(collect.code()).as(collect.err()).isZero();
    data = dir.resolve("data");
  }

  @Test
  void bothExportsCarryAValidCalibrationOnTheHeldOutEpisodes() throws Exception {
    CliRun.Result r = CliRun.run("model", "train", "--data", data.toString(), "--out", dir.resolve("m").toString(),
        "--ensemble", "2", "--hidden", "16", "--epochs", "30", "--seed", "3");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    // 10 episodes of 200 ticks, 2 held out: 2 x 199 one-step residuals.
    assertThat(r.out()).contains("trust monitor calibrated on 398 held-out ticks for 0.1 false alarms per hour")
        .doesNotContain("uncalibrated");
    JsonNode report = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("m/training.json")));
    for (String q : List.of("fp32", "int8")) {
      Map<String, String> metadata;
      try (ModelSession s = ModelSession.open(dir.resolve("m/m-" + q + ".onnx"), SessionSettings.DEFAULT)) {
        metadata = s.metadata();
      }
      Calibration c = Calibration.fromMetadata(metadata, List.of("theta", "theta_dot")).orElseThrow();
      assertThat(c.heldOutTicks()).isEqualTo(398);
      assertThat(c.falseAlarmsPerHour()).isEqualTo(0.1);
      assertThat(c.rateHz()).isEqualTo(20.0);
      assertThat(c.hasSpread()).as("a 2-member ensemble has a spread channel").isTrue();
      for (double v : c.residualScale()) assertThat(v).isPositive().isFinite();
      assertThat(c.h()).isGreaterThan(c.k()).isFinite();
    }
    assertThat(report.get("exports").get(1).get("calibration").get("foresight.monitor.cusum_h").asString())
        .isNotEmpty();
    assertThat(report.get("exports").get(0).get("calibration_seconds").asDouble()).isPositive();
    // The reservoir of the training data beside the models: all 1990 transitions fit in the default 5000.
    Reservoir reservoir = Reservoir.read(dir.resolve("m/m-reservoir.csv"));
    assertThat(reservoir.transitions().count()).isEqualTo(1990);
    assertThat(reservoir.transitions().stateNames()).containsExactly("theta", "theta_dot");
    assertThat(reservoir.dtS()).isEqualTo(0.05);
    assertThat(reservoir.trainedOn()).isEqualTo(report.get("trained_on").asString());
    assertThat(r.out()).contains("m-reservoir.csv  (1990 of 1990 transitions, for fine-tuning)");
  }

  @Test
  void tooFewHeldOutTicksExportTheModelUncalibratedWithTheReason() throws Exception {
    // 3 episodes of 200 ticks: one held out, 199 ticks, below the calibrator's 200.
    Path few = dir.resolve("few");
    CliRun.Result collect = CliRun.run("sim", "collect", "--plant", "pendulum", "--episodes", "3", "--steps", "200",
        "--seed", "31", "--out", few.toString());
    assertThat(collect.code()).as(collect.err()).isZero();
    CliRun.Result r = CliRun.run("model", "train", "--data", few.toString(), "--out", dir.resolve("u").toString(),
        "--ensemble", "2", "--hidden", "8", "--epochs", "3", "--seed", "3", "--reservoir", "100");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("warning: uncalibrated, the trust monitor stays off with this model",
        "cannot calibrate on 200 recorded ticks: calibration needs at least 200 held-out ticks; the data has 199", "foresight model calibrate --model");
    try (ModelSession s = ModelSession.open(dir.resolve("u/u-int8.onnx"), SessionSettings.DEFAULT)) {
      assertThat(s.metadata()).containsKey("foresight.state_names").doesNotContainKey("foresight.monitor.cusum_h");
    }
    JsonNode report = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("u/training.json")));
    assertThat(report.get("exports").get(0).get("uncalibrated").asString()).contains("at least 200 held-out ticks");
    // --reservoir bounds the sample.
    assertThat(Reservoir.read(dir.resolve("u/u-reservoir.csv")).transitions().count()).isEqualTo(100);
    assertThat(report.get("reservoir").get("transitions").asInt()).isEqualTo(100);
  }

  @Test
  void aBadFalseAlarmRateIsAUsageError() {
    CliRun.Result r = CliRun.run("model", "train", "--data", data.toString(), "--out", dir.resolve("x").toString(),
        "--false-alarms-per-hour", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: --false-alarms-per-hour: 0.0 is out of range (above 0, at most "
        + "3600)");
  }
}
