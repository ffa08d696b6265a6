package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight log compare}: a run recorded on a simulator with known, perturbed parameters set
 * against the nominal simulator, and the fit that finds the parameters again.
 */
class LogCompareCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final double MASS = 1.15;
  private static final double LENGTH = 0.92;

  @TempDir static Path dir;
  static Path recording;
  static Path nominal;

  /** 20 simulated seconds of the swing-up controller on a pendulum 15% heavier and 8% shorter than published. */
  @BeforeAll
  static void recordARunOnAPerturbedPendulum() throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n");
    nominal = dir.resolve("nominal.yaml");
    Files.writeString(nominal, text);
    Path perturbed = dir.resolve("perturbed.yaml");
    Files.writeString(perturbed, text.replace("  seed: 7\n", "  seed: 7\n  parameters: {mass: " + MASS + ", length: "
        + LENGTH + "}\n") + "\nrecording:\n  dir: " + dir.resolve("rec") + "\n");
    CliRun.Result r = CliRun.run("run", "--config", perturbed.toString(), "--duration", "20s", "--quiet", "--record");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
      recording = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
  }

  @Test
  void theRecordingsOwnSimulatorReproducesIt() throws Exception {
    CliRun.Result r = CliRun.run("log", "compare", recording.toString(), "--json", "--no-plot");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("plant").asString()).isEqualTo("pendulum");
    assertThat(j.get("parameters").get("mass").asDouble()).as("the values the run used").isEqualTo(MASS);
    assertThat(j.get("ticks").asLong()).isEqualTo(400);
    assertThat(j.get("windows").asLong()).isEqualTo(20);
    assertThat(j.get("error").get("theta").get("rmse").asDouble()).isLessThan(1e-9);
    assertThat(j.get("error").get("theta_dot").get("rmse").asDouble()).isLessThan(1e-9);
    assertThat(j.get("error").get("theta").get("divergence_s").isNull()).isTrue();
  }

  @Test
  void theNominalSimulatorDivergesAndTheFitFindsTheMassAndLengthWithin5Percent() throws Exception {
    Path plot = dir.resolve("compare.png");
    CliRun.Result r = CliRun.run("log", "compare", recording.toString(), "--config", nominal.toString(),
        "--fit", "mass,length", "--plot", plot.toString(), "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("parameters").get("mass").asDouble()).isEqualTo(1.0);
    JsonNode before = j.get("error").get("theta_dot");
    assertThat(before.get("rmse").asDouble()).isGreaterThan(0.01);
    assertThat(before.get("divergence_s").asDouble()).isBetween(0.05, 1.0);
    JsonNode fit = j.get("fit").get("parameters");
    assertThat(fit.get("mass").get("value").asDouble()).isCloseTo(MASS, within(0.05 * MASS));
    assertThat(fit.get("length").get("value").asDouble()).isCloseTo(LENGTH, within(0.05 * LENGTH));
    assertThat(fit.get("mass").get("determined").asBoolean()).isTrue();
    assertThat(fit.get("mass").get("stderr").asDouble()).isPositive().isLessThan(0.01);
    assertThat(j.get("fit").get("cost_after").asDouble()).isLessThan(j.get("fit").get("cost_before").asDouble() * 1e-3);
    assertThat(j.get("fit").get("rmse").get("theta_dot").get("after").asDouble()).isLessThan(1e-4);
    assertThat(ImageIO.read(plot.toFile()).getWidth()).isEqualTo(1240);

    CliRun.Result text = CliRun.run("log", "compare", recording.toString(), "--config", nominal.toString(),
        "--fit", "mass", "--param", "length=" + LENGTH, "--no-plot");
    assertThat(text.code()).as(text.out() + text.err()).isZero();
    assertThat(text.out()).contains(" vs simulator pendulum (gravity=10, mass=1, length=0.92")
        .contains("400 ticks, 20 open-loop windows re-anchored every 20 ticks (1.00 s)")
        .containsPattern("    mass: 1 -> 1\\.15\\d* \\+- ");
  }

  @Test
  void parametersTheRecordingCannotTellApartAreSaidToBeUndetermined() throws Exception {
    // The torque term is 3 gain / (m l^2): mass and actuator gain trade off exactly.
    CliRun.Result r = CliRun.run("log", "compare", recording.toString(), "--config", nominal.toString(),
        "--param", "length=" + LENGTH, "--fit", "mass,action_gain", "--no-plot", "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode fit = JSON.readTree(r.out()).get("fit");
    assertThat(fit.get("parameters").get("mass").get("determined").asBoolean()).isFalse();
    assertThat(fit.get("parameters").get("mass").get("stderr").isNull()).isTrue();
    double m = fit.get("parameters").get("mass").get("value").asDouble();
    double gain = fit.get("parameters").get("action_gain").get("value").asDouble();
    assertThat(m / gain).as("what the recording does determine").isCloseTo(MASS, within(0.01));
  }

  @Test
  void badInputIsOneLineNamingTheThing() throws Exception {
    CliRun.Result unknown = CliRun.run("log", "compare", recording.toString(), "--fit", "mass,weight", "--no-plot");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("foresight: --fit: plant pendulum has no parameter 'weight' (it has gravity, "
        + "mass, length, friction, action_gain, action_delay)" + System.lineSeparator());

    CliRun.Result period = CliRun.run("log", "compare", recording.toString(), "--plant", "cartpole", "--no-plot");
    assertThat(period.code()).isEqualTo(2);
    assertThat(period.err()).contains(recording + ": its loop ran every 50.00 ms but plant cartpole steps every "
        + "20.00 ms").doesNotContain("Exception");

    CliRun.Result param = CliRun.run("log", "compare", recording.toString(), "--param", "mass=-1", "--no-plot");
    assertThat(param.code()).isEqualTo(2);
    assertThat(param.err()).contains("--param: mass: -1.0 kg is not a valid value; it must be finite and > 0");

    CliRun.Result name = CliRun.run("log", "compare", recording.toString(), "--param", "weight=1", "--no-plot");
    assertThat(name.code()).isEqualTo(2);
    assertThat(name.err()).isEqualTo("foresight: --param: the simulator has no parameter 'weight' (it has gravity, "
        + "mass, length, friction, action_gain, action_delay)" + System.lineSeparator());

    CliRun.Result picture = CliRun.run("log", "compare", recording.toString(), "--plot", "x.pdf");
    assertThat(picture.code()).isEqualTo(2);
    assertThat(picture.err()).contains("--plot: x.pdf: a plot is written as .png or .svg");

    CliRun.Result noSim = CliRun.run("log", "compare", recording.toString(), "--config",
        TestConfigs.ROOT.resolve("config/examples/pendulum-pi.yaml").toString(), "--no-plot");
    assertThat(noSim.code()).isEqualTo(2);
    assertThat(noSim.err()).contains("pendulum-pi.yaml has no sim section to take the simulator from");
  }

  @Test
  void aPlantStateTheRecordingLacksIsNamed() throws Exception {
    String text = Files.readString(nominal).replace("  - name: theta_dot\n", "  - name: omega\n")
        .replace("variable: theta_dot", "variable: omega").replace("rate: theta_dot", "rate: omega")
        + "\nrecording:\n  dir: " + dir.resolve("renamed") + "\n";
    Path renamed = dir.resolve("renamed.yaml");
    Files.writeString(renamed, text.replace("    source: plant.theta_dot\n", "    source: plant.theta\n"
        + "    estimate: rate\n"));
    CliRun.Result run = CliRun.run("run", "--config", renamed.toString(), "--duration", "1s", "--quiet", "--record");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    Path file;
    try (Stream<Path> files = Files.list(dir.resolve("renamed"))) {
      file = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    CliRun.Result r = CliRun.run("log", "compare", file.toString(), "--no-plot");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: " + file + ": plant pendulum's state [theta_dot] is not in the "
        + "recording (it has [theta, omega]); the simulator starts each window from the whole recorded state (name a "
        + "state variable like the plant's, or give it source: plant.<variable>)" + System.lineSeparator());
  }

  @Test
  void aCartPolesPoleMassAndFrictionsThatThePublishedOneLacksAreFound() throws Exception {
    // Frictions are 0 in the published CartPole: the fit starts there, on the values themselves.
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/cartpole-sim.yaml"))
        .replace("  seed: 11\n", "  seed: 11\n  paced: false\n");
    Path published = dir.resolve("cartpole.yaml");
    Files.writeString(published, text);
    Path real = dir.resolve("cartpole-real.yaml");
    Files.writeString(real, text.replace("  seed: 11\n", "  seed: 11\n  parameters: {mass_pole: 0.13, pole_friction: "
        + "0.002, cart_friction: 0.05}\n") + "\nrecording:\n  dir: " + dir.resolve("cartpole") + "\n");
    CliRun.Result run = CliRun.run("run", "--config", real.toString(), "--duration", "20s", "--quiet", "--record");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    Path file;
    try (Stream<Path> files = Files.list(dir.resolve("cartpole"))) {
      file = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    CliRun.Result r = CliRun.run("log", "compare", file.toString(), "--config", published.toString(), "--fit",
        "mass_pole,pole_friction,cart_friction", "--no-plot", "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode fit = JSON.readTree(r.out()).get("fit").get("parameters");
    assertThat(fit.get("mass_pole").get("start").asDouble()).isEqualTo(0.1);
    assertThat(fit.get("mass_pole").get("value").asDouble()).isCloseTo(0.13, within(0.05 * 0.13));
    assertThat(fit.get("pole_friction").get("value").asDouble()).isCloseTo(0.002, within(0.05 * 0.002));
    assertThat(fit.get("cart_friction").get("value").asDouble()).isCloseTo(0.05, within(0.05 * 0.05));
  }

  @Test
  void aVoltageDrivenPendulumOnEmulatedChipsIsComparedThroughAFittedActuator() throws Exception {
    // The reference pendulum: AS5600 encoder (noise, 12 bits), rate by differencing, a 12 V gear motor
    // through a PCA9685 and an H-bridge. The plant takes torque; the recording has volts.
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n") + "\nrecording:\n  dir: " + dir.resolve("chips") + "\n";
    Path config = dir.resolve("chips.yaml");
    Files.writeString(config, text);
    CliRun.Result run = CliRun.run("run", "--config", config.toString(), "--duration", "10s", "--quiet", "--record");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    Path file;
    try (Stream<Path> files = Files.list(dir.resolve("chips"))) {
      file = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    CliRun.Result unmapped = CliRun.run("log", "compare", file.toString(), "--no-plot");
    assertThat(unmapped.code()).isEqualTo(2);
    assertThat(unmapped.err()).contains("plant pendulum's action torque is not in the recording (it has [voltage]); "
        + "name the action torque, give it target: plant.torque, or map one onto it: --action voltage=torque");

    CliRun.Result r = CliRun.run("log", "compare", file.toString(), "--action", "voltage=torque", "--fit",
        "action_gain,action_delay,friction", "--no-plot", "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode fit = JSON.readTree(r.out()).get("fit");
    JsonNode p = fit.get("parameters");
    // The emulated motor: 0.0115 N m/A x 50 x 0.65 / 2.2 ohm per volt at stall, and back-EMF of 0.0115 V s/rad
    // x 50 through the same path as viscous friction at the pivot; no delay between command and torque.
    double gain = 0.0115 * 50 * 0.65 / 2.2;
    double backEmf = gain * 0.0115 * 50;
    assertThat(p.get("action_gain").get("value").asDouble()).isCloseTo(gain, within(0.05 * gain));
    assertThat(p.get("friction").get("value").asDouble()).isCloseTo(backEmf, within(0.05 * backEmf));
    assertThat(p.get("action_delay").get("value").asDouble()).isLessThan(0.1);
    assertThat(fit.get("rmse").get("theta_dot").get("after").asDouble())
        .isLessThan(fit.get("rmse").get("theta_dot").get("before").asDouble() / 20);
  }
}
