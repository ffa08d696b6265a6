package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.cli.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RolloutCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  /** The sim module's NumPy reference trajectories, through the command, value for value. */
  @Test
  void reproducesTheReferenceTrajectories() throws IOException {
    List<String> cases = Files.readAllLines(TestConfigs.ROOT.resolve("sim/src/test/resources/plant-reference.jsonl"));
    int checked = 0;
    for (String line : cases) {
      JsonNode c = JSON.readTree(line);
      if (!c.get("parameters").isEmpty()) continue;     // published parameters only; --param is tested below
      ObjectNode in = JSON.createObjectNode();
      in.set("state", c.get("state"));
      in.set("actions", c.get("actions"));
      Path input = file("in.jsonl", JSON.writeValueAsString(in) + "\n");
      Result r = CliRun.run("sim", "rollout", "--plant", c.get("plant").asString(), "--input", input.toString());
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode out = JSON.readTree(r.out().strip());
      JsonNode expected = c.get("expected");
      assertThat(out.propertyNames()).containsExactly("states", "observations", "rewards", "terminated");
      assertThat(out.get("terminated")).as(c.get("name").asString()).isEqualTo(expected.get("terminated"));
      assertClose(c.get("name").asString(), out.get("states"), expected.get("states"));
      assertClose(c.get("name").asString(), out.get("observations"), expected.get("observations"));
      assertClose(c.get("name").asString(), out.get("rewards"), expected.get("rewards"));
      checked++;
    }
    assertThat(checked).isGreaterThan(30);
  }

  private static void assertClose(String what, JsonNode actual, JsonNode expected) {
    assertThat(actual.size()).as(what).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i).isArray()) {
        assertClose(what + "[" + i + "]", actual.get(i), expected.get(i));
      } else {
        double e = expected.get(i).asDouble();
        assertThat(Math.abs(actual.get(i).asDouble() - e)).as("%s[%d]", what, i)
            .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(e)));
      }
    }
  }

  @Test
  void writesOneLinePerInputLineAndStopsAfterTheTerminatingStep() throws IOException {
    Path input = file("in.jsonl", """
        {"state": [0, 0, 0, 0], "actions": [[10], [10], [10]]}

        {"state": [2.39, 1.0, 0, 0], "actions": [[0], [0], [0]]}
        """);
    Path out = dir.resolve("out.jsonl");
    Result r = CliRun.run("sim", "rollout", "--plant", "cartpole", "--input", input.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(first.get("states")).hasSize(3);
    assertThat(first.get("observations").get(0)).hasSize(4);
    assertThat(second.get("states")).hasSize(1);                 // off the track after one step
    assertThat(second.get("terminated").get(0).asBoolean()).isTrue();
    assertThat(second.get("states").get(0).get(0).asDouble()).isEqualTo(2.41, org.assertj.core.api.Assertions.within(1e-15));
  }

  @Test
  void setsParametersFromTheCommandLine() throws IOException {
    Path input = file("in.jsonl", "{\"state\": [1.0, 0.0], \"actions\": [[0.0]]}\n");
    Result r = CliRun.run("sim", "rollout", "--plant", "pendulum", "--param", "gravity=9.81", "--input", input.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // thdot' = 0 + 3 g / 2 sin(1) dt
    double expected = 3 * 9.81 / 2 * Math.sin(1.0) * 0.05;
    assertThat(JSON.readTree(r.out()).get("states").get(0).get(1).asDouble()).isEqualTo(expected);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("cartpole", "{\"state\": [0, 0, 0], \"actions\": [[1]]}\n",
            "in.jsonl:1: state has 3 values but plant cartpole has 4 state variables (x, x_dot, theta, theta_dot)"),
        Arguments.of("cartpole", "{\"state\": [0, 0, 0, 0], \"actions\": [[1]]}\n{\"state\": [0, 0, 0, 0], \"actions\": [[1], [1, 2]]}\n",
            "in.jsonl:2: actions[1] has 2 values but plant cartpole has 1 action (force)"),
        Arguments.of("rover", "{\"state\": [0,0,0,0,0,0,0,0,0,1], \"actions\": [[1]]}\n",
            "in.jsonl:1: actions[0] has 1 value but plant rover has 2 actions (voltage_left, voltage_right)"),
        Arguments.of("pendulum", "{\"state\": [NaN, 0], \"actions\": []}\n",
            "in.jsonl:1: state[0] is NaN; values must be finite numbers"),
        Arguments.of("pendulum", "{\"state\": [0, 0], \"actions\": [[1e999]]}\n",
            "in.jsonl:1: actions[0][0] is Infinity; values must be finite numbers"),
        Arguments.of("pendulum", "{\"state\": [0, \"x\"], \"actions\": []}\n",
            "in.jsonl:1: state[1] is not a number (\"x\")"),
        Arguments.of("pendulum", "\n{\"state\": [0, 0], \"actions\": [[1]]\n",
            "in.jsonl:2:35: not valid JSON: Unexpected end-of-input: expected close marker for Object"),
        Arguments.of("pendulum", "{\"state\": [0, 0], \"action\": [[1]]}\n",
            "in.jsonl:1: unknown key \"action\"; did you mean \"actions\"? (each line is {\"state\": [...], "
                + "\"actions\": [[...], ...]})"),
        Arguments.of("pendulum", "{\"state\": [0, 0]}\n",
            "in.jsonl:1: missing \"actions\"; each line is {\"state\": [...], \"actions\": [[...], ...]}"),
        Arguments.of("pendulum", "[0, 0]\n",
            "in.jsonl:1: expected a JSON object; each line is {\"state\": [...], \"actions\": [[...], ...]}"),
        Arguments.of("pendulum", "\n\n",
            "in.jsonl: has no trajectories; each line is {\"state\": [...], \"actions\": [[...], ...]}"),
        Arguments.of("cartpol", "{\"state\": [0, 0, 0, 0], \"actions\": [[1]]}\n",
            "unknown plant 'cartpol'; did you mean cartpole? (plants: pendulum, cartpole, cartpole-swingup, acrobot, "
                + "mountain-car, rover)"),
        Arguments.of("pendulum", "{\"state\": [1e300, 1e300], \"actions\": [[1]]}\n",
            "in.jsonl:1: step 0 left the plant's state non-finite (NaN or infinite); the start or the actions are far "
                + "outside what this plant can represent"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputIsOneLineWithTheLineNumberAndExit2(String plant, String text, String message) throws IOException {
    Path input = file("in.jsonl", text);
    Path out = dir.resolve("out.jsonl");
    Files.writeString(out, "earlier results\n");
    Result r = CliRun.run("sim", "rollout", "--plant", plant, "--input", input.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: ").endsWith(message + "\n").doesNotContain("Exception", "\tat ");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(Files.readString(out)).isEqualTo("earlier results\n");       // loses nothing
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.jsonl", "out.jsonl");
    }
  }

  @Test
  void badParametersAndPictureNamesAreUsageErrors() throws IOException {
    Path input = file("in.jsonl", "{\"state\": [0, 0], \"actions\": [[1]]}\n");
    Result unknown = CliRun.run("sim", "rollout", "--plant", "pendulum", "--param", "mas=2", "--input", input.toString());
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("foresight: --param: plant pendulum has no parameter 'mas' (it has gravity, "
        + "mass, length, friction)\n");
    Result notNumber = CliRun.run("sim", "rollout", "--plant", "pendulum", "--param", "mass=heavy", "--input",
        input.toString());
    assertThat(notNumber.err()).isEqualTo("foresight: --param mass=heavy: 'heavy' is not a number\n");
    Result plot = CliRun.run("sim", "rollout", "--plant", "pendulum", "--input", input.toString(), "--plot", "x.jpg");
    assertThat(plot.code()).isEqualTo(2);
    assertThat(plot.err()).isEqualTo("foresight: --plot x.jpg: write the plot as .png or .svg\n");
    Result missing = CliRun.run("sim", "rollout", "--plant", "pendulum", "--input", dir.resolve("no.jsonl").toString());
    assertThat(missing.err()).isEqualTo("foresight: " + dir.resolve("no.jsonl") + ": file not found\n");
  }

  @Test
  void drawsAPlotAndAReplay() throws IOException {
    Path input = file("in.jsonl", "{\"state\": [0, 0, 3.14159, 0], \"actions\": [[10], [-10], [10], [-10]]}\n"
        + "{\"state\": [0.1, 0, 3.0, 0], \"actions\": [[5], [5]]}\n");
    Path png = dir.resolve("run.png");
    Path svg = dir.resolve("run.svg");
    Path html = dir.resolve("run.html");
    Result r = CliRun.run("sim", "rollout", "--plant", "cartpole-swingup", "--input", input.toString(),
        "--out", dir.resolve("out.jsonl").toString(), "--plot", png.toString(), "--replay", html.toString());
    assertThat(r.code()).as(r.err()).isZero();
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1120);
    assertThat(image.getHeight()).isGreaterThan(400);
    Result s = CliRun.run("sim", "rollout", "--plant", "cartpole-swingup", "--input", input.toString(),
        "--out", dir.resolve("out.jsonl").toString(), "--plot", svg.toString());
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg", "<path", "run 2");
    String page = Files.readString(html);
    assertThat(page).contains("\"plant\":\"cartpole-swingup\"", "\"half_length\":0.5", "<svg")
        .doesNotContain("http://cdn", "https://", "src=\"http");
  }
}
