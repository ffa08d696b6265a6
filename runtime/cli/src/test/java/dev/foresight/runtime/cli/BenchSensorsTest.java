package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchSensorsTest {

  @Test
  void reportsReadTimeAllocationAndBusTransfersAsJson() {
    CliRun.Result r = CliRun.run("bench", "sensors", "--config",
        TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml").toString(), "--ticks", "5000", "--warmup", "5000",
        "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    assertThat(root.get("channels").asInt()).isEqualTo(5);
    assertThat(root.get("read_ns").get("p50").asLong()).isPositive();
    assertThat(root.get("read_ns").get("max").asLong()).isGreaterThanOrEqualTo(root.get("read_ns").get("p99").asLong());
    // AS5600: one transfer; INA219: three, and a calibration check every 50 reads.
    assertThat(root.get("i2c_transfers_per_tick").asDouble()).isCloseTo(4.02, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(root.get("i2c_wire_us_per_tick_at_400khz").asDouble()).isBetween(400.0, 600.0);
  }

  @Test
  void needsASimulatedRobotWithDevices() {
    CliRun.Result r = CliRun.run("bench", "sensors", "--config",
        TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bench sensors needs hardware.platform: sim and devices");
  }
}
