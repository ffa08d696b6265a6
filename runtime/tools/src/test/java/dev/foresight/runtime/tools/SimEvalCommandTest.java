package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.world.MlpExport;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.plan.PendulumModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimEvalCommandTest {

  static final String MPPI = TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml").toString();

  @Test
  void reportsSeededReturnsAsJson() {
    CliRun.Result r = CliRun.run("sim", "eval", "--config", MPPI, "--episodes", "2", "--seed", "5", "--steps", "40", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.get("episodes").asInt()).isEqualTo(2);
    assertThat(json.get("returns")).hasSize(2);
    double mean = (json.get("returns").get(0).asDouble() + json.get("returns").get(1).asDouble()) / 2;
    assertThat(json.get("mean_return").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(json.get("std_return").asDouble()).isGreaterThanOrEqualTo(0);
    CliRun.Result again = CliRun.run("sim", "eval", "--config", MPPI, "--episodes", "2", "--seed", "5", "--steps", "40", "--json");
    assertThat(again.out()).as("same seed, same returns").isEqualTo(r.out());
  }

  @Test
  void findsTheExampleForAPlantAndController() throws Exception {
    Path examples = TestConfigs.ROOT.resolve("config/examples");
    assertThat(SimEvalCommand.example(examples, "pendulum", "mppi").getFileName()).hasToString("pendulum-mppi.yaml");
    assertThat(SimEvalCommand.example(examples, "pendulum", "swingup").getFileName()).hasToString("pendulum-gym.yaml");
  }

  @Test
  void plansOnAWorldModelFileGivenWithModel(@TempDir Path dir) {
    Path model = PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.05);
    CliRun.Result r = CliRun.run("sim", "eval", "--config", MPPI, "--model", model.toString(), "--episodes", "1",
        "--steps", "5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("mean_return");
  }

  @Test
  void aModelThatDoesNotMatchTheRobotIsOneLineAndExit2(@TempDir Path dir) {
    Path model = PendulumModels.write(dir, MlpExport.Quantization.FP32, List.of("angle", "rate"), 0.05);
    CliRun.Result r = CliRun.run("sim", "eval", "--config", MPPI, "--model", model.toString(), "--episodes", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: model: " + model + ": the model's state variables [angle, rate] "
        + "(foresight.state_names) do not match the config's [theta, theta_dot]; rename them in the config or export the model again");
  }

  @Test
  void badRequestsAreOneLineAndExit2() {
    assertThat(CliRun.run("sim", "eval").err()).contains("foresight: give --config FILE, or --plant NAME with --controller TYPE");
    CliRun.Result unknown = CliRun.run("sim", "eval", "--plant", "pendulum", "--controller", "magic");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("foresight: no example config in ").contains(
        "simulates plant pendulum with controller magic; give --config FILE");
    CliRun.Result notPlanner = CliRun.run("sim", "eval", "--config",
        TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml").toString(), "--model", MPPI);
    assertThat(notPlanner.code()).isEqualTo(2);
    assertThat(notPlanner.err().strip()).isEqualTo("foresight: --model needs a planner (mppi or cem); the config's controller is swingup");
  }
}
