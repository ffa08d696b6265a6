package dev.foresight.runtime;

import static dev.foresight.runtime.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.broker.EmbeddedBroker;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.cli.CliRun.Result;
import dev.foresight.runtime.cli.LastWillTest;
import dev.foresight.runtime.link.Mosquitto;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands that need a plugin, with the plugins there: the demo and {@code bench link} on the
 * embedded broker, and a killed robot's will delivered by it.
 */
class PluginsTest {

  @Test
  void runsTheDemoConfigForADurationAndSummarizes() {
    String home = System.getProperty("foresight.home");
    System.setProperty("foresight.home", TestConfigs.ROOT.toString());
    try {
      Result r = run("demo", "--duration", "1s");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("foresight: pendulum-learned from", "controller mppi, armed")
          .containsPattern("foresight: 2\\d ticks \\(\\d\\.\\d s at 20 Hz\\), mode armed")
          .contains("simulated time, paced: at most", "cost: mean", "link online")
          // the dashboard beside the embedded broker (or, when another program has port 8080, how to serve it)
          .containsPattern("foresight: dashboard: (http://127\\.0\\.0\\.1:8080/ \\(MQTT over WebSocket "
              + "ws://127\\.0\\.0\\.1:8083/mqtt\\)|not served \\(port 808[03] is in use\\).*|not served \\(not the "
              + "embedded broker\\).*)\n");
      assertThat(r.out() + r.err()).as("the embedded broker is up before the demo arms: no link_lost warning")
          .doesNotContain("link lost");
    } finally {
      if (home == null) System.clearProperty("foresight.home");
      else System.setProperty("foresight.home", home);
    }
  }

  @Test
  void benchLinkComparesRoundsWithoutAndWithTelemetryOnTheEmbeddedBroker() {
    Result r = CliRun.run("bench", "link", "--loop-hz", "100", "--telemetry-hz", "50", "--duration", "1s",
        "--rounds", "1", "--realtime-priority", "0", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("telemetry_hz").asInt()).isEqualTo(50);
    assertThat(json.get("realtime_priority").asInt()).isZero();
    JsonNode rounds = json.get("rounds");
    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0).get("link").asBoolean()).isFalse();
    assertThat(rounds.get(0).get("sent").asLong()).isZero();
    JsonNode with = rounds.get(1);
    assertThat(with.get("link").asBoolean()).isTrue();
    assertThat(with.get("scheduling").asString()).isEqualTo("normal");
    assertThat(with.get("ticks").asLong()).as("about 100 ticks in 1 s").isBetween(70L, 110L);
    assertThat(with.get("sent").asLong()).as("every second tick sampled").isBetween(30L, 55L);
    assertThat(with.get("received").asLong()).as("the subscriber saw the telemetry").isPositive();
    assertThat(json.get("p99_ratio").isNumber()).isTrue();
  }

  @Test
  void aKilledRobotIsAnnouncedOfflineByTheEmbeddedBrokersWill(@TempDir Path dir) throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(Mosquitto.freePort())) {
      LastWillTest.killAndExpectOffline(dir, broker.url(), "t-will-embedded");
    }
  }
}
