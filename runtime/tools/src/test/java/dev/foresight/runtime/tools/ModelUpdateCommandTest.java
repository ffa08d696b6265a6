package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.onnx.ModelMetadataFile;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.learn.ModelUpdate;
import dev.foresight.runtime.learn.RecordedData;
import dev.foresight.runtime.learn.Reservoir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code model update} end to end on real simulator recordings (tiny, fast): an under-trained pendulum
 * model updated with new recordings passes the gate; the gate report; the old model untouched; and the
 * bad inputs (another robot, another dt, no reservoir, the model's own folder) as one-line errors.
 */
class ModelUpdateCommandTest {

  @TempDir static Path dir;
  static Path original;
  static Path fresh;
  static Path model;

  @BeforeAll
  static void collectAndTrain() throws Exception {
    System.setProperty("foresight.home", TestConfigs.ROOT.toString());
    original = collect("pendulum", 4, 60, 5, "original");
    fresh = collect("pendulum", 5, 60, 50, "new");
    // An under-trained model (1 epoch); its training.json then asks for a full training, which the update repeats.
    CliRun.Result train = CliRun.run("model", "train", "--data", original.toString(), "--out",
        dir.resolve("tiny").toString(), "--ensemble", "2", "--hidden", "16", "--epochs", "1", "--seed", "4");
    assertThat(train.code()).as(train.err()).isZero();
    Path json = dir.resolve("tiny/training.json");
    Files.writeString(json, Files.readString(json).replace("\"max_epochs\" : 1,", "\"max_epochs\" : 60,"));
    model = dir.resolve("tiny/tiny-fp32.onnx");
  }

  static Path collect(String plant, int episodes, int steps, int seed, String out) {
    CliRun.Result r = CliRun.run("sim", "collect", "--plant", plant, "--episodes", String.valueOf(episodes), "--steps",
        String.valueOf(steps), "--seed", String.valueOf(seed), "--out", dir.resolve(out).toString());
    assertThat(r.code()).as(r.err()).isZero();
    return dir.resolve(out);
  }

  @Test
  void anUnderTrainedModelUpdatedWithNewRecordingsPassesTheGateAndTheOldFileStaysAsItWas() throws Exception {
    byte[] before = Files.readAllBytes(model);
    Path out = dir.resolve("updated");
    CliRun.Result r = CliRun.run("model", "update", "--model", model.toString(), "--data", fresh.toString(), "--out",
        out.toString(), "--horizon", "5", "--episodes", "2", "--steps", "40", "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(r.out());
    assertThat(report.get("verdict").asString()).isEqualTo("accept");
    List<String> names = new ArrayList<>();
    for (JsonNode c : report.get("checks")) {
      names.add(c.get("name").asString());
      assertThat(c.get("passed").asBoolean()).as(c.toString()).isTrue();
    }
    assertThat(names).containsExactly("new_data_rmse_h1", "new_data_rmse_h5", "original_data_rmse_h1", "no_nan",
        "closed_loop_return");
    JsonNode h1 = report.get("checks").get(0);
    assertThat(h1.get("new").asDouble()).isLessThan(h1.get("old").asDouble());
    assertThat(report.get("data").get("new_episodes").asInt()).isEqualTo(5);
    assertThat(report.get("data").get("new_episodes_held_out").asInt()).isEqualTo(1);
    assertThat(report.get("data").get("reservoir_held_out").asInt()).isPositive();
    assertThat(Files.readAllBytes(model)).as("the old model is never changed").isEqualTo(before);
    for (String f : List.of("updated-fp32.onnx", "updated-int8.onnx", "updated-reservoir.csv", "update.json",
        "update.txt")) {
      assertThat(out.resolve(f)).exists();
    }
    assertThat(Files.readString(out.resolve("update.txt"))).startsWith("model update gate: accept")
        .contains("closed_loop_return").endsWith("accept: every check passed\n");
    try (ModelSession s = ModelSession.open(out.resolve("updated-int8.onnx"), SessionSettings.DEFAULT)) {
      assertThat(s.metadata()).containsEntry("foresight.state_names", "theta,theta_dot")
          .containsEntry("foresight.quantization", "int8");
      assertThat(s.metadata().get("foresight.trained_on")).startsWith("sha256:");
    }
    // The updated model can be updated again: it has its own reservoir and training.json settings are found.
    assertThat(Files.readString(out.resolve("updated-reservoir.csv"))).startsWith("# foresight reservoir 1");
  }

  @Test
  void theGateRejectsAModelNoBetterThanTheOldOneAndALowerReturnCheckByCheck() throws Exception {
    RecordedData heldOut = RecordedData.read(List.of(fresh));
    var reservoir = Reservoir.read(dir.resolve("tiny/tiny-reservoir.csv")).transitions();
    int[] calls = {0};
    List<ModelUpdate.Check> checks = ModelUpdate.gate(model, model, heldOut, reservoir,
        new ModelUpdate.Settings(5, 0.2, 0.05, 0.05, 0.1, 100, 1), f -> calls[0]++ == 0 ? -100.0 : -200.0);
    assertThat(checks).extracting(ModelUpdate.Check::name).containsExactly("new_data_rmse_h1", "new_data_rmse_h5",
        "original_data_rmse_h1", "no_nan", "closed_loop_return");
    assertThat(checks).extracting(ModelUpdate.Check::passed).as("the same model is not better; -200 < -105")
        .containsExactly(false, false, true, true, false);
    assertThat(checks.get(4).rule()).contains("(-105.00)");
  }

  @Test
  void recordingsOfAnotherRobotAreRefusedInOneLineNamingBothSides() {
    Path cartpole = collect("cartpole-swingup", 2, 20, 9, "cartpole");
    CliRun.Result r = CliRun.run("model", "update", "--model", model.toString(), "--data", cartpole.toString(), "--out",
        dir.resolve("never").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(model + " is a model of state [theta, theta_dot], "
        + "action [torque] at dt 0.05 s, but the recordings (1 file) are of state [x, x_dot, theta, theta_dot], "
        + "action [force] at dt 0.02 s");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  /** The simulator's plants step at one rate each, so the other side here is a copy of the model that says 40 Hz. */
  @Test
  void recordingsAtAnotherRateThanTheModelsAreRefusedInOneLineNamingBothSides() throws Exception {
    Path other = Files.createDirectories(dir.resolve("fast"));
    for (String f : List.of("tiny-fp32.onnx", "training.json", "tiny-reservoir.csv")) {
      Files.copy(dir.resolve("tiny").resolve(f), other.resolve(f.replace("tiny", "fast")));
    }
    Path fast = other.resolve("fast-fp32.onnx");
    ModelMetadataFile.update(fast, Map.of("foresight.dt_s", "0.025"), "foresight.dt_s");
    CliRun.Result r = CliRun.run("model", "update", "--model", fast.toString(), "--data", fresh.toString(), "--out",
        dir.resolve("never-fast").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(fast + " is a model of state [theta, theta_dot], action "
        + "[torque] at dt 0.025 s, but the recordings (1 file) are of state [theta, theta_dot], action [torque] at dt "
        + "0.05 s");
  }

  @Test
  void aModelWithoutAReservoirIsRefusedWithTheFix() {
    CliRun.Result train = CliRun.run("model", "train", "--data", original.toString(), "--out",
        dir.resolve("bare").toString(), "--ensemble", "1", "--hidden", "8", "--epochs", "1", "--reservoir", "0");
    assertThat(train.code()).as(train.err()).isZero();
    CliRun.Result r = CliRun.run("model", "update", "--model", dir.resolve("bare/bare-fp32.onnx").toString(), "--data",
        fresh.toString(), "--out", dir.resolve("never-bare").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(dir.resolve("bare/bare-reservoir.csv")
        + ": no reservoir of the original training data beside the model").contains("retrain the model with model train");
  }

  @Test
  void theModelsOwnFolderIsNotAnOutput() {
    CliRun.Result r = CliRun.run("model", "update", "--model", model.toString(), "--data", fresh.toString(), "--out",
        dir.resolve("tiny").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("is the model's own folder");
  }
}
