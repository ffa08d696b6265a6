package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code telemetry.batch_s}: samples gathered into {@code telemetry/batch} messages, none lost between them. */
class BatchTelemetryTest {

  @Test
  void batchesCarryEverySampleInOrderAndNothingGoesToTelemetry(@TempDir Path dir) throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir, "");
        Probe probe = new Probe(broker.url(), "batch-probe").connect("foresight/t-batch/telemetry",
            "foresight/t-batch/telemetry/batch", "foresight/t-batch/status");
        var r = linked(config(dir, "pendulum-sim.yaml", "t-batch", "  rate_hz: 20\n  batch_s: 0.5\n"), broker.url())) {
      r.robot().start(Long.MAX_VALUE);
      JsonNode birth = probe.awaitJson("foresight/t-batch/status", Duration.ofSeconds(10));
      assertThat(birth.path("telemetry_batch_s").asDouble()).isEqualTo(0.5);
      List<MqttTransport.Message> got = probe.collect("foresight/t-batch/telemetry/batch", Duration.ofSeconds(3));
      assertThat(got.size()).as("batches in 3 s").isGreaterThanOrEqualTo(2);
      List<Long> ticks = new ArrayList<>();
      for (MqttTransport.Message m : got) {
        JsonNode b = Probe.json(m);
        assertThat(b.path("robot").asString("")).isEqualTo("t-batch");
        assertThat(b.path("count").asInt()).isEqualTo(b.path("samples").size());
        // 0.5 s at 20 Hz is 10 samples; a loaded machine's network thread may gather a few more
        assertThat(b.path("samples").size()).as("samples per batch").isBetween(2, OperatorLink.MAX_BATCH);
        for (JsonNode s : b.path("samples")) {
          assertThat(s.has("theta")).isTrue();
          ticks.add(s.path("tick").asLong());
        }
        assertThat(b.path("ts").asLong()).isEqualTo(b.path("samples").get(b.path("samples").size() - 1).path("ts")
            .asLong());
      }
      for (int i = 1; i < ticks.size(); i++) assertThat(ticks.get(i)).isEqualTo(ticks.get(i - 1) + 1);
      assertThat(ticks.size()).as("several samples per message").isGreaterThanOrEqualTo(3 * got.size());
      assertThat(probe.collect("foresight/t-batch/telemetry", Duration.ofMillis(200))).isEmpty();
    }
  }
}
