package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.learn.RecordedDataTest;
import dev.foresight.runtime.mcap.McapReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learning loop from the command line, tiny but end to end: sim collect -> model train ->
 * model eval / inspect, and every bad input a user can give them (one line, exit 2).
 */
class LearningCommandsTest {

  @TempDir static Path dir;
  static Path data;
  static Path model;
  static CliRun.Result train;

  @BeforeAll
  static void collectAndTrain() throws Exception {
    System.setProperty("foresight.home", TestConfigs.ROOT.toString());
    CliRun.Result collect = CliRun.run("sim", "collect", "--plant", "pendulum", "--episodes", "4", "--steps", "60",
        "--seed", "5", "--out", dir.resolve("data").toString());
    assertThat(collect.code()).as(collect.err()).isZero();
    data = dir.resolve("data/pendulum-random-s5-x4.mcap");
    assertThat(collect.out()).contains(data + ": 4 episodes of random on pendulum (seeds 5..8): 240 ticks, 236 transitions");
    train = CliRun.run("model", "train", "--data", data.toString(), "--out", dir.resolve("tiny").toString(),
        "--ensemble", "2", "--hidden", "8", "--epochs", "3", "--seed", "4");
    model = dir.resolve("tiny/tiny-fp32.onnx");
  }

  @Test
  void collectRecordsEpisodesWithMarksThroughTheRecorder() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> episodes = new java.util.ArrayList<>();
    McapReader.Scan scan = McapReader.read(data, m -> {
      if (m.channel().topic().equals("/episode")) episodes.add(json.readTree(new String(m.data(), StandardCharsets.UTF_8)));
    });
    assertThat(scan.complete()).isTrue();
    assertThat(episodes).hasSize(4);
    assertThat(episodes.get(2).get("seed").asLong()).isEqualTo(7);
    assertThat(episodes.get(2).get("parameters").get("mass").asDouble()).isEqualTo(1.0);
    assertThat(scan.metadata().get("run")).containsEntry("collect_policy", "random").containsEntry("sim_plant", "pendulum");
    // The same seed writes the same recording.
    CliRun.Result again = CliRun.run("sim", "collect", "--plant", "pendulum", "--episodes", "4", "--steps", "60",
        "--seed", "5", "--out", dir.resolve("again").toString());
    assertThat(again.code()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("again/pendulum-random-s5-x4.mcap"))).isEqualTo(Files.readAllBytes(data));
  }

  @Test
  void collectWritesChunksAsTheConfigsRecordingSectionSays() throws Exception {
    String gym = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml"));
    Path zstd = collectWith(gym, "zstd");
    Path plain = collectWith(gym + "\nrecording:\n  compression: none\n", "plain");
    McapReader.Scan scan = McapReader.read(plain, m -> { });
    assertThat(scan.complete()).isTrue();
    assertThat(scan.messages()).isPositive().isEqualTo(McapReader.read(zstd, m -> { }).messages());
    assertThat(Files.size(plain)).as("compression: none vs the default zstd").isGreaterThan(2 * Files.size(zstd));
  }

  private static Path collectWith(String yaml, String name) throws Exception {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, yaml);
    CliRun.Result r = CliRun.run("sim", "collect", "--config", config.toString(), "--episodes", "4", "--steps", "60",
        "--seed", "5", "--out", dir.resolve(name).toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (var files = Files.list(dir.resolve(name))) {
      return files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
  }

  @Test
  void trainWritesFp32AndInt8ModelsCheckedAgainstJavaAndTheOnnxChecker() throws Exception {
    assertThat(train.code()).as(train.out() + train.err()).isZero();
    assertThat(train.out()).contains("training 2 x [8] on 236 transitions (4 segments, 1 recording), seed 4")
        .containsPattern("tiny-fp32.onnx  fp32  [0-9.]+ kB  max \\|onnx runtime - java\\| [0-9.e-]+  onnx checker passed")
        .containsPattern("tiny-int8.onnx  int8  [0-9.]+ kB  max \\|onnx runtime - java\\| [0-9.e-]+  onnx checker passed");
    JsonNode report = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("tiny/training.json")));
    assertThat(report.get("exports").get(0).get("max_abs_error_vs_java").asDouble()).isLessThan(1e-4);
    assertThat(report.get("exports").get(1).get("max_abs_error_vs_java").asDouble()).isLessThan(0.2);
    assertThat(report.get("transitions").asInt()).isEqualTo(236);

    CliRun.Result inspect = CliRun.run("model", "inspect", model.toString());
    assertThat(inspect.code()).isZero();
    assertThat(inspect.out()).contains("state float[N, 2]", "next_state_members float[2, N, 2]", "foresight.state_names: theta,theta_dot",
        "foresight.trained_on: " + report.get("trained_on").asString(), "foresight.quantization: fp32");
  }

  @Test
  void evalReportsKStepErrorCalibrationCounterfactualsAndLatencyWithPlots() throws Exception {
    Path out = dir.resolve("report");
    CliRun.Result r = CliRun.run("model", "eval", "--model", dir.resolve("tiny").toString(), "--data", data.toString(),
        "--horizon", "10", "--starts", "50", "--counterfactual", "20", "--report", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 models on 240 ticks (4 segments, 1 recording); 50 start states, horizon 10")
        .containsPattern("theta at h=10\\s+[0-9.e-]+\\s+[0-9.e-]+")
        .contains("random actions (simulated)", "latency batch 1 (median)", "error ratio tiny-int8 / tiny-fp32 at h=10");
    assertThat(out.resolve("kstep-error.png")).isNotEmptyFile();
    assertThat(out.resolve("calibration.png")).isNotEmptyFile();
    assertThat(out.resolve("example-rollout.png")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("report.md"))).contains("## Open-loop error on the recorded actions",
        "## Counterfactual", "20 recorded start states, actions uniform in the action limits", "## Ensemble calibration",
        "![kstep-error.png](kstep-error.png)");
  }

  // Bad input: one line, exit 2.

  @Test
  void aModelFileThatIsNotOnnxIsOneLine() throws Exception {
    Path bogus = Files.writeString(dir.resolve("bogus.onnx"), "this is not a model");
    for (String[] args : new String[][] {{"model", "eval", "--model", bogus.toString(), "--data", data.toString()},
        {"model", "inspect", bogus.toString()}}) {
      CliRun.Result r = CliRun.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).startsWith("foresight: " + bogus + ": not a usable ONNX model").doesNotContain("Exception")
          .hasLineCount(1);
    }
  }

  @Test
  void recordingsWhoseVariablesDoNotMatchTheModelAreRefused() throws Exception {
    Path other = RecordedDataTest.write(dir.resolve("other.mcap"), List.of("x", "v"), 80, List.of(), List.of(), List.of());
    CliRun.Result r = CliRun.run("model", "eval", "--model", model.toString(), "--data", other.toString(), "--horizon", "5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: " + model + ": the model's state variables [theta, theta_dot] do not "
        + "match the recordings' [x, v]\n");
    Path config = TestConfigs.ROOT.resolve("config/examples/cartpole-swingup-mppi.yaml");
    CliRun.Result t = CliRun.run("model", "train", "--data", data.toString(), "--config", config.toString(), "--out",
        dir.resolve("never").toString());
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).isEqualTo("foresight: the recordings' state variables [theta, theta_dot] do not match " + config
        + "'s [x, x_dot, theta, theta_dot]\n");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void emptyDataIsRefused() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun.Result r = CliRun.run("model", "train", "--data", empty.toString(), "--out", dir.resolve("x").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: " + empty + ": no .mcap recordings in this folder\n");
    Path nothing = RecordedDataTest.write(dir.resolve("nothing.mcap"), List.of("x", "v"), 1, List.of(), List.of(), List.of());
    CliRun.Result n = CliRun.run("model", "train", "--data", nothing.toString(), "--out", dir.resolve("x").toString());
    assertThat(n.code()).isEqualTo(2);
    assertThat(n.err()).isEqualTo("foresight: " + nothing + ": no transitions (a transition needs two consecutive ticks "
        + "with finite values)\n");
  }

  @Test
  void nonFiniteTicksAreDroppedAndCounted() throws Exception {
    Path nan = RecordedDataTest.write(dir.resolve("nan.mcap"), List.of("x", "v"), 120, List.of(10, 11, 50), List.of(),
        List.of(1, 60));
    CliRun.Result r = CliRun.run("model", "train", "--data", nan.toString(), "--out", dir.resolve("nan").toString(),
        "--ensemble", "1", "--hidden", "4", "--epochs", "2", "--batch", "16");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("note: " + nan + ": dropped 3 ticks with NaN or infinite values (transitions do not cross them)")
        .contains("on " + (120 - 3 - 4) + " transitions");
  }

  @Test
  void corruptAndTruncatedRecordingsAreReadUpToTheDamageOrRefused() throws Exception {
    Path cut = dir.resolve("cut.mcap");
    RecordedDataTest.write(cut, List.of("x", "v"), 4000, List.of(), List.of(), List.of(1, 2000));
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    CliRun.Result r = CliRun.run("model", "train", "--data", cut.toString(), "--out", dir.resolve("cut").toString(),
        "--ensemble", "1", "--hidden", "4", "--epochs", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("note: " + java.util.regex.Pattern.quote(cut.toString())
        + ": read up to the damage: the file ends inside an? [a-z ]+ record at byte \\d+ \\(.*cut short\\)");

    Path head = dir.resolve("head.mcap");
    Files.write(head, Arrays.copyOf(bytes, 2000));
    CliRun.Result h = CliRun.run("model", "train", "--data", head.toString(), "--out", dir.resolve("head").toString());
    assertThat(h.code()).isEqualTo(2);
    assertThat(h.err()).startsWith("foresight: " + head + ": no complete chunk before the damage (the file ends inside "
        + "a chunk record at byte").hasLineCount(1);

    Path notMcap = Files.writeString(dir.resolve("notes.mcap"), "just some text");
    CliRun.Result n = CliRun.run("model", "train", "--data", notMcap.toString(), "--out", dir.resolve("y").toString());
    assertThat(n.code()).isEqualTo(2);
    assertThat(n.err()).isEqualTo("foresight: " + notMcap + ": not an MCAP file (it does not start with the MCAP magic bytes)\n");
  }

  @Test
  void collectRefusesAMalformedRandomization() {
    CliRun.Result r = CliRun.run("sim", "collect", "--plant", "pendulum", "--randomize", "mass=0.8..1.2", "--out",
        dir.resolve("z").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: --randomize mass=0.8..1.2: write NAME=scale:LO,HI or NAME=range:LO,HI, "
        + "e.g. mass=scale:0.8,1.2\n");
  }
}
