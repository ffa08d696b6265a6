package dev.foresight.runtime.broker;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.link.Probe;
import dev.foresight.runtime.safety.Mode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The embedded broker (HiveMQ CE) does what the demo needs: status, will, request/response. */
class EmbeddedBrokerTest {

  @TempDir static Path dir;
  static EmbeddedBroker broker;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedBroker.start(Mosquitto.freePort());
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void refusesAPortInUseWithAHint() {
    assertThatThrownBy(() -> EmbeddedBroker.start(broker.port()))
        .hasMessage("port " + broker.port() + " on 127.0.0.1 is in use (another MQTT broker?); use it with "
            + "--broker tcp://127.0.0.1:" + broker.port() + " or stop it");
  }

  @Test
  void carriesStatusTelemetryAndAcknowledgedEstop() throws Exception {
    String root = "foresight/t-embedded/";
    try (var r = linked(config(dir, "pendulum-gym.yaml", "t-embedded", ""), broker.url());
        Probe op = new Probe(broker.url(), "op-embedded").connect(root + "#")) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      assertThat(op.awaitJson(root + "status", Duration.ofSeconds(10)).path("state").stringValue()).isEqualTo("online");
      assertThat(op.awaitJson(root + "telemetry", Duration.ofSeconds(5)).has("theta")).isTrue();
      JsonNode ack = op.request(root + "cmd/estop", "{\"id\":\"e1\",\"expires_at\":"
          + (System.currentTimeMillis() + 5_000) + "}", root + "cmd/ack/op");
      assertThat(ack.path("status").stringValue()).isEqualTo("accepted");
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ESTOP);
      try (Probe late = new Probe(broker.url(), "late-embedded").connect(root + "status")) {
        assertThat(late.awaitJson(root + "status", Duration.ofSeconds(5)).path("mode").stringValue()).isEqualTo("estop");
      }
    }
  }
}
