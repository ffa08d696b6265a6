package dev.foresight.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTest {

  static void send(Fleet fleet, String topic, String json) {
    fleet.accept(topic, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void buildsARowPerRobotFromItsMessages() {
    Fleet fleet = new Fleet();
    send(fleet, "foresight/b/status", "{\"state\":\"online\",\"mode\":\"armed\"}");
    send(fleet, "foresight/b/metrics", "{\"rate_hz\":19.98,\"jitter_p99_us\":412,\"battery_v\":11.7,\"trust\":0.4}");
    send(fleet, "foresight/b/telemetry", "{\"ts\":1000,\"cost\":0.25,\"model_error\":0.0123}");
    send(fleet, "foresight/a/status", "{\"state\":\"offline\"}");
    send(fleet, "foresight/b/events", "{\"severity\":\"critical\",\"cause\":\"armed -> estop\",\"mode\":\"estop\"}");
    assertThat(fleet.accept("foresight/b/telemetry", "not json".getBytes(StandardCharsets.UTF_8))).isFalse();

    List<String> lines = MonitorScreen.render(fleet.robots(), 1, "tcp://h:1883", "", "", 2000);
    assertThat(lines.get(0)).isEqualTo("foresight monitor: tcp://h:1883   2 robots");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  a                    offline"));
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .isEqualTo("> b                    online   estop      no        20.0       412     0.250    0.0123   0.40  11.70 V"));
    assertThat(lines).contains("events of b:", "  critical: armed -> estop");
    assertThat(lines.getLast()).startsWith("keys:");
  }

  @Test
  void aRobotHeardOnlyByItsTelemetryIsOnlineUntilAStatusSaysOtherwise() {
    // A monitor on another node of a cluster misses the retained birth (per-node retained messages).
    Fleet fleet = new Fleet();
    send(fleet, "foresight/d/telemetry", "{\"ts\":1,\"tick\":3,\"cost\":0.5}");
    assertThat(fleet.robots().getFirst().state()).isEqualTo("online");
    send(fleet, "foresight/d/status", "{\"state\":\"offline\"}");
    send(fleet, "foresight/d/metrics", "{\"rate_hz\":50}");
    assertThat(fleet.robots().getFirst().state()).isEqualTo("offline");
  }

  @Test
  void aTelemetryBatchShowsItsNewestSample() {
    Fleet fleet = new Fleet();
    send(fleet, "foresight/e/telemetry/batch", "{\"ts\":9,\"robot\":\"e\",\"count\":2,\"samples\":["
        + "{\"ts\":8,\"tick\":1,\"cost\":0.25,\"mode\":\"armed\"},{\"ts\":9,\"tick\":2,\"cost\":0.75,\"mode\":\"armed\"}]}");
    assertThat(fleet.robots().getFirst().cost()).isEqualTo(0.75);
    assertThat(fleet.robots().getFirst().mode()).isEqualTo("armed");
    assertThat(fleet.accept("foresight/e/telemetry/other", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isFalse();
  }

  @Test
  void marksAnOnlineRobotWithoutRecentTelemetryStale() {
    Fleet fleet = new Fleet();
    send(fleet, "foresight/c/status", "{\"state\":\"online\",\"mode\":\"armed\"}");
    send(fleet, "foresight/c/telemetry", "{\"ts\":1000}");
    assertThat(MonitorScreen.render(fleet.robots(), 0, "x", "", "", 1000 + MonitorScreen.STALE_MS + 1))
        .anySatisfy(l -> assertThat(l).startsWith("> c                    stale"));
  }

  @Test
  void aRobotCannotWriteEscapeSequencesToTheOperatorsTerminal() {
    Fleet fleet = new Fleet();
    // ESC [ 2 J clears the screen; ESC ] 0 ; sets the window title; a C1 CSI (U+009B) does the same as ESC [.
    assertThat(fleet.accept("foresight/r\u001b[31m/events", ("{\"severity\":\"info\",\"cause\":\"ok\\u001b[2J\\u001b]0;pwned\\u0007"
        + "\\u009b1m\",\"mode\":\"armed\\u001b[H\"}").getBytes(StandardCharsets.UTF_8))).isTrue();
    Fleet.Robot r = fleet.robots().getFirst();
    assertThat(r.id()).isEqualTo("r?[31m");
    assertThat(r.events()).containsExactly("info: ok?[2J?]0;pwned??1m");
    assertThat(r.mode()).isEqualTo("armed?[H");
    for (String line : MonitorScreen.render(fleet.robots(), 0, "tcp://b", "", "", 0)) {
      assertThat(line).doesNotContain("\u001b", "\u0007", "\u009b");
    }
  }

  @Test
  void longTextsAreCutAndRobotsAreBounded() {
    Fleet fleet = new Fleet();
    fleet.accept("foresight/r/status", ("{\"state\":\"" + "x".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(fleet.robots().getFirst().state()).hasSize(Fleet.MAX_TEXT + 3).endsWith("...");
    for (int i = 0; i < Fleet.MAX_ROBOTS + 100; i++) {
      fleet.accept("foresight/r" + i + "/status", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(fleet.robots()).hasSize(Fleet.MAX_ROBOTS);
    String big = "y".repeat(5_000);
    assertThat(fleet.accept("foresight/r/cmd/ack", ("{\"command\":\"" + big + "\",\"id\":\"" + big + "\",\"status\":\"" + big
        + "\",\"reason\":\"" + big + "\",\"mode\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(fleet.robots().stream().filter(x -> x.id().equals("r")).findFirst().orElseThrow().ack()).hasSize(Fleet.MAX_TEXT + 3);
  }

  @Test
  void bidiOverridesAreShownAsMarksAndSurrogatePairsAreNotCut() {
    assertThat(Fleet.printable("ok\u202egnp.exe")).isEqualTo("ok?gnp.exe");
    String emoji = "\ud83e\udd16";
    String cut = Fleet.printable("x".repeat(Fleet.MAX_TEXT - 1) + emoji + "tail");
    assertThat(cut).isEqualTo("x".repeat(Fleet.MAX_TEXT - 1) + "...");
  }
}
