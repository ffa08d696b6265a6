package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A short {@code sim trust}: the shipped int8 pendulum model, a clear change, the JSON and the plot. */
class SimTrustCommandTest {

  @TempDir Path dir;

  @BeforeAll
  static void home() {
    System.setProperty("foresight.home", TestConfigs.ROOT.toString());
  }

  @Test
  void detectsASensorBiasAndReportsTheReturnsAsJson() throws Exception {
    CliRun.Result r = CliRun.run("sim", "trust", "--scenario", "pendulum-theta-bias-0.1", "--episodes", "1",
        "--window", "2s", "--nominal-hours", "0.05", "--nominal-planner-hours", "0", "--plot-dir", dir.toString(),
        "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("false_alarms_per_hour").isNumber()).isTrue();
    assertThat(json.get("false_alarms").asLong()).as("nominal runs of a calibrated model").isZero();
    // 1 nominal planner episode of 3 s, the 1 s before the change of the monitored one, 3 fallback minutes.
    assertThat(json.get("false_alarm_hours").asDouble()).isCloseTo((3.0 + 1.0 + 180.0) / 3600, Offset.offset(1e-9));
    assertThat(json.get("false_alarms_per_hour_upper_95").asDouble())
        .isCloseTo(2.9957 / json.get("false_alarm_hours").asDouble(), Offset.offset(0.01));
    assertThat(json.get("scenarios")).hasSize(1);
    JsonNode s = json.get("scenarios").get(0);
    assertThat(s.get("name").asString()).isEqualTo("pendulum-theta-bias-0.1");
    for (String field : new String[] {"detection_delay_s", "return_nominal", "return_no_adaptation", "return_adapted",
        "return_recovered_fraction", "return_monitor_fallback"}) {
      assertThat(s.has(field)).as(field).isTrue();
    }
    assertThat(s.get("detected").asInt()).isEqualTo(1);
    assertThat(s.get("detection_delay_s").asDouble()).as("a 0.1 rad bias is clear").isBetween(0.0, 1.0);
    assertThat(s.get("alarms_before_change").asInt()).isZero();
    double nominal = s.get("return_nominal").asDouble();
    assertThat(nominal).isPositive().isLessThanOrEqualTo(40.0);   // at most 1 per tick, 2 s at 20 Hz
    assertThat(s.get("return_no_adaptation_fraction").asDouble())
        .isCloseTo(s.get("return_no_adaptation").asDouble() / nominal, Offset.offset(1e-12));
    assertThat(s.get("return_adapted").asDouble()).isPositive().isLessThanOrEqualTo(40.0);
    assertThat(s.get("return_recovered_fraction").asDouble())
        .isCloseTo(s.get("return_adapted").asDouble() / nominal, Offset.offset(1e-12));
    assertThat(s.get("swaps").isInt()).isTrue();
    assertThat(s.get("fallback_s_after_change").asDouble()).as("the fallback took over").isPositive();
    BufferedImage plot = ImageIO.read(dir.resolve("pendulum-theta-bias-0.1.png").toFile());
    assertThat(plot.getWidth()).isGreaterThan(800);
  }

  @Test
  void anUnknownScenarioIsOneLineNamingTheScenarios() {
    CliRun.Result r = CliRun.run("sim", "trust", "--scenario", "pendulum-mass", "--nominal-hours", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: --scenario pendulum-mass: no such scenario (scenarios: "
        + "pendulum-mass-1.3, pendulum-friction-0.1, pendulum-gain-0.7, pendulum-latency-1, pendulum-theta-bias-0.1, "
        + "cartpole-mass-1.3, cartpole-gain-0.7)");
  }

  @Test
  void poissonBoundIsThreeOverTheHoursForNoAlarm() {
    assertThat(SimTrustCommand.poissonUpper95(0)).isCloseTo(2.9957, Offset.offset(1e-3));
    assertThat(SimTrustCommand.poissonUpper95(1)).isCloseTo(4.7439, Offset.offset(1e-3));
    assertThat(SimTrustCommand.poissonUpper95(5)).isCloseTo(10.513, Offset.offset(1e-2));
  }
}
