package dev.foresight.runtime.cli;

import static dev.foresight.runtime.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {

  @Test
  void versionNamesForesightAndTheJvm() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("foresight ").contains("Java 25");
  }

  @Test
  void everyCommandHasHelp() {
    // The tools plugin's commands have theirs tested where the plugin is (ToolCommandsTest).
    for (String[] command : new String[][] {{}, {"demo"}, {"run"}, {"config"}, {"config", "validate"},
        {"config", "schema"}, {"doctor"}, {"bench"}, {"bench", "loop"}, {"bench", "sensors"}, {"model"},
        {"model", "inspect"}, {"log", "info"}, {"log", "export"}, {"bench", "link"}, {"bench", "plan"}}) {
      String[] args = Stream.concat(Stream.of(command), Stream.of("--help")).toArray(String[]::new);
      Result r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: foresight");
    }
  }

  @Test
  void unknownOptionPrintsUsageAndExits2() {
    Result r = run("demo", "--durration", "10s");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: Unknown options: '--durration', '10s'")
        .contains("Possible solutions: --duration")
        .contains("Usage: foresight demo");
  }

  @Test
  void badDurationIsAOneLineUsageError() {
    Result r = run("demo", "--duration", "ten");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'ten' is not a duration; write a number and a unit, like 250ms, 10s, 5m or 1h");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void validatesEveryExampleConfig() throws IOException {
    try (Stream<Path> files = Files.list(TestConfigs.ROOT.resolve("config/examples"))) {
      String[] args = Stream.concat(Stream.of("config", "validate"), files.map(Path::toString).sorted())
          .toArray(String[]::new);
      Result r = run(args);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("pendulum-gym.yaml: ok (robot pendulum-gym, 2 state, 1 action, controller swingup)");
    }
  }

  static Stream<Path> brokenConfigs() throws IOException {
    try (Stream<Path> files = Files.list(TestConfigs.ROOT.resolve("config/src/test/resources/broken"))) {
      return files.sorted().toList().stream();
    }
  }

  /** The config module's broken set, through the command: its expected line on stderr, exit 2. */
  @ParameterizedTest
  @MethodSource("brokenConfigs")
  void validateOnABrokenConfigPrintsItsErrorAndExits2(Path file) throws IOException {
    String expect = Files.readAllLines(file, StandardCharsets.UTF_8).getFirst().substring("# expect: ".length());
    String expected = expect.replace("BROKEN_DIR", file.getParent().toString())
        .replaceFirst("^broken/", file.getParent() + "/");

    Result r = run("config", "validate", file.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().findFirst()).contains(expected);
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void validateReportsAPlantMismatchAsOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path file = dir.resolve("robot.yaml");
    Files.writeString(file, """
        robot: {id: typo}
        loop: {rate_hz: 20}
        sim: {plant: pendulum}
        state: [{name: theta, source: plant.angle}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """);
    Result r = run("config", "validate", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(file + ": state[0].source: plant pendulum has no state variable 'angle' "
        + "(it has theta, theta_dot; observations cos_theta, sin_theta)\n");
  }

  @Test
  void runOnAMissingConfigIsOneLineAndExit2() {
    Result r = run("run", "--config", "no/such.yaml", "--duration", "1s");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("no/such.yaml: file not found\n");
  }

  @Test
  void aToolCommandWithoutTheToolsPluginSaysSoInOneLine() {
    // The cli module's tests run without the plugins on the class path, as a robot's lean image would.
    Map<String, String[]> missing = Map.of("sim", new String[] {"sim", "rollout", "--plant", "pendulum"},
        "model train", new String[] {"model", "train"}, "log plot", new String[] {"log", "plot", "x.mcap"});
    missing.forEach((command, args) -> {
      Result r = run(args);
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.err().lines().toList()).as(command).hasSize(1);
      assertThat(r.err()).startsWith("foresight: '" + command + "' comes with the tools plugin, which is not installed "
          + "here");
    });
  }

  @Test
  void theDashboardWithoutItsPluginSaysSoInOneLine() {
    Result r = run("dashboard", "--port", "8099");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: 'dashboard' comes with the dashboard plugin, which is not installed here")
        .hasLineCount(1);
  }

  @Test
  void theRobotsOwnCommandsNeedNoPlugin() {
    assertThat(Main.needsPlugins(new String[] {"run", "--config", "robot.yaml"})).isFalse();
    assertThat(Main.needsPlugins(new String[] {"--log-level", "debug", "demo"})).isFalse();
    assertThat(Main.needsPlugins(new String[] {"model", "inspect", "m.onnx"})).isFalse();
    assertThat(Main.needsPlugins(new String[] {"log", "info", "--json", "run.mcap"})).isFalse();
    assertThat(Main.needsPlugins(new String[] {"model", "train", "--data", "d"})).isTrue();
    assertThat(Main.needsPlugins(new String[] {"sim", "eval"})).isTrue();
    assertThat(Main.needsPlugins(new String[] {"--help"})).as("the command list").isTrue();
    assertThat(Main.needsPlugins(new String[] {"log", "--help"})).as("the log commands").isTrue();
  }

  @Test
  void runWithJsonPrintsTheLoopMetricsAndModeAsOneObject() {
    Result r = run("run", "--config", TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml").toString(),
        "--duration", "1s", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("robot").asString()).isEqualTo("pendulum-gym");
    assertThat(json.get("mode").asString()).isEqualTo("armed");
    assertThat(json.get("metrics").get("ticks").asLong()).isBetween(18L, 21L);
    assertThat(json.get("metrics").get("period_error_us").get("p99").isNumber()).isTrue();
    assertThat(json.get("metrics").get("phase_us").get("plan").get("max").isNumber()).isTrue();
    assertThat(json.get("alerts").isArray()).isTrue();
  }

  @Test
  void schemaCommandPrintsThePublishedSchema() throws IOException {
    Result r = run("config", "schema");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(TestConfigs.ROOT.resolve("config/schema/robot.schema.json")));
  }
}
