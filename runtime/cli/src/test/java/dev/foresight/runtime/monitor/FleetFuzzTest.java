package dev.foresight.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the monitor's reading of what robots publish: any topic and
 * payload is understood or ignored, never an exception, and nothing it keeps can reach the
 * operator's terminal as a control character (an ESC would start an escape sequence) or grow
 * without bound.
 *
 * <p>Plain {@code mvn verify} runs the committed inputs in {@code src/test/resources/dev/foresight/
 * runtime/monitor/FleetFuzzTestInputs/anyMessageIsReadOrIgnoredAndDrawsSafely/} (regression mode).
 * With {@code JAZZER_FUZZ=1} and {@code -Dtest=FleetFuzzTest} it fuzzes for {@code maxDuration}.
 */
class FleetFuzzTest {

  static final List<String> LEAVES = List.of("status", "telemetry", "metrics", "events", "cmd/ack/m", "cmd/ack");

  @FuzzTest(maxDuration = "20s")
  void anyMessageIsReadOrIgnoredAndDrawsSafely(FuzzedDataProvider data) {
    Fleet fleet = new Fleet();
    for (int i = data.consumeInt(1, 4); i > 0 && data.remainingBytes() > 0; i--) {
      String topic = data.consumeBoolean()
          ? "foresight/" + data.consumeString(12) + "/" + LEAVES.get(data.consumeInt(0, LEAVES.size() - 1))
          : data.consumeString(40);
      fleet.accept(topic, data.consumeBytes(data.consumeInt(0, 2000)));
    }
    List<Fleet.Robot> robots = fleet.robots();
    assertThat(robots.size()).isLessThanOrEqualTo(Fleet.MAX_ROBOTS);
    for (Fleet.Robot r : robots) {
      List<String> texts = new ArrayList<>(List.of(r.id(), r.state(), r.mode(), r.ack()));
      texts.addAll(r.events());
      for (String t : texts) {
        assertThat(t.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0))).as("printable: %s", t).isTrue();
        assertThat(t.length()).isLessThanOrEqualTo(2 * Fleet.MAX_TEXT + 64);
      }
    }
    // The screen draws no escape sequence of its own: none may come from a robot either.
    for (String line : MonitorScreen.render(robots, 0, "tcp://b", "", "", 0)) {
      assertThat(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("drawn: %s", line).isTrue();
    }
  }
}
