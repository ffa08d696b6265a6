package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.control.LqrConfig;
import dev.foresight.config.control.SwingUpConfig;
import dev.foresight.config.device.As5600Config;
import dev.foresight.config.device.HBridgeConfig;
import dev.foresight.config.device.I2cDeviceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  /** The test resources folder; broken configs are addressed relative to it, as a user would. */
  static final Path RESOURCES = Path.of("src/test/resources");
  static final Path EXAMPLES = Path.of("examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static Stream<String> brokenConfigs() throws IOException {
    try (Stream<Path> files = Files.list(RESOURCES.resolve("broken"))) {
      return files.map(f -> "broken/" + f.getFileName()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void loadsEveryExampleConfig(Path example) throws ConfigException {
    LoadedConfig loaded = ConfigLoader.load(example);
    assertThat(loaded.config().state()).isNotEmpty();
    assertThat(loaded.sha256()).hasSize(64);
  }

  /**
   * Each broken config's first line says the exact one-line error it must produce:
   * {@code # expect: file:line:column: path: message}.
   */
  @ParameterizedTest
  @MethodSource("brokenConfigs")
  void brokenConfigGivesItsExpectedOneLineError(String relative) throws IOException {
    Path file = RESOURCES.resolve(relative);
    String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).getFirst();
    assertThat(firstLine).startsWith("# expect: ");
    String expected = firstLine.substring("# expect: ".length())
        .replace("BROKEN_DIR", file.toAbsolutePath().getParent().normalize().toString())
        .replaceFirst("^broken/", RESOURCES.resolve("broken") + "/");

    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          List<ConfigProblem> problems = ((ConfigException) e).problems();
          assertThat(problems.getFirst().format()).isEqualTo(expected);
          assertThat(problems.getFirst().format()).doesNotContain("\n", "Exception", "dev.foresight");
        });
  }

  @Test
  void appliesDefaultsForOmittedSections() throws ConfigException {
    RobotConfig config = ConfigLoader.parse("""
        robot: {id: tiny}
        sim: {plant: pendulum}
        state: [{name: theta, source: plant.theta}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup, rate: theta}
        """, Path.of("tiny.yaml"));

    assertThat(config.loop().rateHz()).isEqualTo(50);
    assertThat(config.loop().planning()).isEqualTo(PlanningMode.INLINE);
    assertThat(config.loop().planBudgetNs()).isEqualTo(12_000_000L);
    assertThat(config.hardware().platform()).isEqualTo(Platform.SIM);
    assertThat(config.safety().armOnStart()).isFalse();
    assertThat(config.safety().watchdogTimeoutNs(config.loop().periodNs())).isEqualTo(100_000_000L);
    assertThat(config.safety().watchdogTimeoutNs(100_000_000L)).isEqualTo(300_000_000L);
    assertThat(config.telemetry().broker()).isEqualTo("none");
    assertThat(config.telemetry().tls().verifyHostname()).isTrue();
    assertThat(config.model()).isEmpty();
    assertThat(config.action().getFirst().slewPerS()).isInfinite();
    assertThat(config.state().getFirst().min()).isEqualTo(Double.NEGATIVE_INFINITY);
    SwingUpConfig swingUp = (SwingUpConfig) config.controller();
    assertThat(swingUp.massKg()).isEqualTo(1.0);
    assertThat(swingUp.gravity()).isEqualTo(10.0);
  }

  @Test
  void readsHexAddressesAndDeviceTypes() throws ConfigException {
    RobotConfig config = ConfigLoader.load(EXAMPLES.resolve("pendulum-pi.yaml")).config();

    As5600Config pivot = (As5600Config) config.device("pivot").orElseThrow();
    assertThat(pivot.address()).isEqualTo(0x36);
    assertThat(pivot.bus()).isNull();
    assertThat(pivot.type()).isEqualTo("as5600");
    HBridgeConfig motor = (HBridgeConfig) config.device("motor").orElseThrow();
    assertThat(motor.pins()).containsExactly(5, 6, 13);
    assertThat(motor.safeState()).isEqualTo(HBridgeConfig.SafeState.BRAKE);
    assertThat(config.devices()).filteredOn(d -> d instanceof I2cDeviceConfig).hasSize(3);
  }

  @Test
  void readsMatricesForLinearControllers() throws ConfigException {
    RobotConfig config = ConfigLoader.load(EXAMPLES.resolve("cartpole-sim.yaml")).config();
    LqrConfig lqr = (LqrConfig) config.controller();
    assertThat(lqr.gain()).hasSize(1);
    assertThat(lqr.gain().getFirst()).hasSize(4);
    assertThat(config.stateNames()).containsExactly("x", "x_dot", "theta", "theta_dot");
  }

  @Test
  void reportsEveryValidationProblemInFileOrder() {
    String yaml = """
        robot: {id: Bad Id}
        loop: {rate_hz: 0}
        sim: {plant: pendulum}
        state: [{name: theta, source: plant.theta}]
        action: [{name: torque, min: 2, max: -2, target: plant.torque}]
        controller: {type: swingup, rate: theta}
        """;
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of("multi.yaml")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .extracting(ConfigProblem::format)
            .containsExactly(
                "multi.yaml:1:9: robot.id: 'Bad Id' is not a robot id; use lowercase letters, digits, '-' and '_' "
                    + "(at most 64, starting with a letter or digit), e.g. pendulum-01",
                "multi.yaml:2:8: loop.rate_hz: 0 Hz is out of range (1..1000)",
                "multi.yaml:5:10: action[0]: min 2 must be below max -2",
                "multi.yaml:5:10: action[0].safe: 0 is outside [2, -2]"));
  }

  @Test
  void resolvesReferencedFilesRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.writeString(models.resolve("world.onnx"), "not really onnx; existence is what config checks");
    Path file = dir.resolve("robot.yaml");
    Files.writeString(file, """
        robot: {id: ref}
        sim: {plant: pendulum}
        state: [{name: theta, source: plant.theta}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup, rate: theta}
        model: {file: models/world.onnx}
        """);

    LoadedConfig loaded = ConfigLoader.load(file);

    assertThat(loaded.resolve(loaded.config().model().orElseThrow().file()))
        .isEqualTo(models.resolve("world.onnx").toAbsolutePath().normalize());
  }

  @Test
  void missingFileIsOneClearLine() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such/robot.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("no/such/robot.yaml: file not found");
  }

  @Test
  void folderInsteadOfFileIsOneClearLine(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir + ": is a folder, not a config file");
  }

  @Test
  void binaryFileIsRejectedAsNotText(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("robot.yaml");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": is not UTF-8 text");
  }

  @Test
  void hashIdentifiesTheExactBytes(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    String text = Files.readString(EXAMPLES.resolve("pendulum-gym.yaml"));
    Files.writeString(a, text);
    Files.writeString(b, text + "\n# a comment changes the file\n");
    assertThat(ConfigLoader.load(a).sha256()).isNotEqualTo(ConfigLoader.load(b).sha256());
    assertThat(ConfigLoader.load(a).sha256()).isEqualTo(ConfigLoader.load(EXAMPLES.resolve("pendulum-gym.yaml")).sha256());
  }
}
