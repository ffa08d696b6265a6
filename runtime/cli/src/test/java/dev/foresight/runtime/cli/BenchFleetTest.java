package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.link.Mosquitto;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code bench fleet} on a real Mosquitto: a small fleet, everything delivered once, every command answered. */
class BenchFleetTest {

  @Test
  void aSmallFleetIsDeliveredOnceAndEveryCommandAcknowledged(@TempDir Path dir) throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir, "")) {
      CliRun.Result r = CliRun.run("bench", "fleet", "--robots", "4", "--duration", "2s", "--broker", broker.url(),
          "--command-period", "500ms", "--consumers", "2", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode o = JsonMapper.builder().build().readTree(r.out());
      assertThat(o.path("robots").asInt()).isEqualTo(4);
      assertThat(o.path("telemetry_sent").asLong()).isGreaterThan(4 * 10 * 2);
      assertThat(o.path("delivered_fraction").asDouble()).isEqualTo(1.0);
      assertThat(o.path("duplicates").asLong()).isZero();
      assertThat(o.path("messages_per_s").asDouble()).isGreaterThan(4 * 10 * 0.8);
      assertThat(o.path("latency_ms").path("p99").asDouble()).isGreaterThanOrEqualTo(o.path("latency_ms").path("p50")
          .asDouble());
      assertThat(o.path("commands_sent").asLong()).isGreaterThanOrEqualTo(15);
      assertThat(o.path("commands_acked").asLong()).isEqualTo(o.path("commands_sent").asLong());
      assertThat(o.path("command_rtt_ms").path("p50").asDouble()).isPositive();
    }
  }

  @Test
  void batchedTelemetryIsDeliveredOnceInFewerMessages(@TempDir Path dir) throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir, "")) {
      CliRun.Result r = CliRun.run("bench", "fleet", "--robots", "3", "--duration", "2s", "--broker", broker.url(),
          "--batch", "500ms", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode o = JsonMapper.builder().build().readTree(r.out());
      assertThat(o.path("batch_s").asDouble()).isEqualTo(0.5);
      assertThat(o.path("delivered_fraction").asDouble()).isEqualTo(1.0);
      assertThat(o.path("duplicates").asLong()).isZero();
      // 3 robots x (10 samples/s in 2 batches/s + 1 metrics/s): about 9 messages/s, not 33
      assertThat(o.path("messages_per_s").asDouble()).isLessThan(15);
      // a batched sample waits for its batch
      assertThat(o.path("latency_ms").path("p50").asDouble()).isGreaterThan(100);
    }
  }

  @Test
  void aBadRobotCountIsOneLine() {
    CliRun.Result r = CliRun.run("bench", "fleet", "--robots", "0");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip()).isEqualTo("foresight: --robots: 0 is out of range (1..5000)");
  }

  @Test
  void robotsSpreadOverAClustersNodes() {
    String[] nodes = {"tcp://a:1", "tcp://b:2", "tcp://c:3"};
    assertThat(BenchFleetCommand.rotated(nodes, 0)).isEqualTo("tcp://a:1,tcp://b:2,tcp://c:3");
    assertThat(BenchFleetCommand.rotated(nodes, 4)).isEqualTo("tcp://b:2,tcp://c:3,tcp://a:1");
  }
}
