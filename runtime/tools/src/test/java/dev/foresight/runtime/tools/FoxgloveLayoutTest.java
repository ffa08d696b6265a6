package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.mcap.McapReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/foxglove/foresight-pendulum.json, the Foxglove/Lichtblick layout for pendulum recordings:
 * every panel it places is configured, and every message path it plots names a channel and a field
 * of a real recording (numbers for plots, strings for state transitions).
 */
class FoxgloveLayoutTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void everyPathOfTheLayoutIsInARecordingOfThePendulum() throws Exception {
    JsonNode layout = JSON.readTree(TestConfigs.ROOT.resolve("docs/foxglove/foresight-pendulum.json").toFile());
    Set<String> placed = new HashSet<>();
    panels(layout.get("layout"), placed);
    Set<String> configured = new HashSet<>(layout.get("configById").propertyNames());
    assertThat(placed).isEqualTo(configured);

    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n").replace("samples: 256", "samples: 64")
        + "\nrecording:\n  dir: " + dir + "\n";
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, text);
    CliRun.Result r = CliRun.run("run", "--config", config.toString(), "--duration", "3s", "--quiet", "--record");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Path recording;
    try (Stream<Path> files = Files.list(dir)) {
      recording = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    Map<String, JsonNode> last = new HashMap<>();
    McapReader.read(recording, m -> last.put(m.channel().topic(), JSON.readTree(m.data())));

    List<String> checked = new ArrayList<>();
    for (var panel : layout.get("configById").properties()) {
      String kind = panel.getKey().substring(0, panel.getKey().indexOf('!'));
      JsonNode c = panel.getValue();
      if (c.has("topicPath")) {
        assertThat(last).as(panel.getKey()).containsKey(c.get("topicPath").asString());
        checked.add(c.get("topicPath").asString());
      }
      for (JsonNode p : c.path("paths")) {
        String path = p.get("value").asString();
        int dot = path.indexOf('.');
        String topic = path.substring(0, dot);
        assertThat(last).as(panel.getKey() + ": " + path).containsKey(topic);
        JsonNode v = last.get(topic);
        for (String field : path.substring(dot + 1).split("\\.")) v = v.path(field);
        if (kind.equals("Plot")) {
          assertThat(v.isNumber()).as(path + " is a number in the recording: " + v).isTrue();
        } else {
          assertThat(v.isString()).as(path + " is a string in the recording: " + v).isTrue();
        }
        checked.add(path);
      }
    }
    assertThat(checked).contains("/state.theta", "/prediction.next.theta", "/action/applied.torque", "/mode.mode",
        "/prediction.error.theta_dot", "/events");
  }

  private static void panels(JsonNode node, Set<String> into) {
    if (node.isString()) {
      into.add(node.asString());
    } else {
      panels(node.get("first"), into);
      panels(node.get("second"), into);
    }
  }
}
