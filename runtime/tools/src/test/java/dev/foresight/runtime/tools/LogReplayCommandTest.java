package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.mcap.McapWriter;
import dev.foresight.runtime.record.Recorder;
import dev.foresight.runtime.record.RecordingLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight run --record} writes a recording; {@code foresight log replay} runs it again. */
class LogReplayCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static Path recording;

  /**
   * 20 simulated seconds of MPPI on the pendulum (unpaced, a smaller planner), recorded because of
   * --record, uncompressed so the file has several chunks to cut between.
   */
  @BeforeAll
  static void recordARun() throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n").replace("samples: 256", "samples: 64")
        + "\nrecording:\n  dir: " + dir.resolve("rec") + "\n  compression: none\n";
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, text);
    CliRun.Result r = CliRun.run("run", "--config", config.toString(), "--duration", "20s", "--quiet", "--record");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
      recording = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
  }

  @Test
  void aRecordedRunReplaysBitForBitAndWritesANewRecording() throws Exception {
    Path out = dir.resolve("replayed.mcap");
    CliRun.Result r = CliRun.run("log", "replay", recording.toString(), "--out", out.toString(), "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("mode").asString()).isEqualTo("replayability");
    assertThat(j.get("ticks").asLong()).isEqualTo(400);
    assertThat(j.get("max_action_diff").get("torque").asDouble()).isZero();
    assertThat(j.get("first_diff_tick").isNull()).isTrue();
    assertThat(j.get("speed_x_realtime").asDouble()).isPositive();
    JsonNode model = j.get("models").get(0);
    assertThat(model.get("name").asString()).isEqualTo("simulator (published parameters)");
    assertThat(model.get("one_step_rmse").get("theta").asDouble()).as("the plant predicting itself").isLessThan(1e-5);
    assertThat(out).isRegularFile();

    CliRun.Result text = CliRun.run("log", "replay", recording.toString(), "--no-out");
    assertThat(text.code()).as(text.out() + text.err()).isZero();
    assertThat(text.out()).contains("replayability check of 400 ticks (20.0 s)")
        .contains("max |replayed - recorded action|: torque 0.00 (bit for bit)");
  }

  @Test
  void anotherControllerIsACounterfactualOnTheRecordedStates() throws Exception {
    Path other = dir.resolve("other.yaml");
    Files.writeString(other, Files.readString(dir.resolve("robot.yaml")).replace("temperature: 0.5", "temperature: 2.0"));
    CliRun.Result r = CliRun.run("log", "replay", recording.toString(), "--config", other.toString(), "--no-out",
        "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("mode").asString()).isEqualTo("counterfactual");
    assertThat(j.get("max_action_diff").get("torque").asDouble()).isPositive();
    assertThat(j.get("first_diff_tick").asLong()).isPositive();
  }

  @Test
  void aModelOfOtherDimensionsOrAConfigWithOtherNamesIsOneLine() throws Exception {
    Path cartpole = TestConfigs.ROOT.resolve("models/cartpole/cartpole-int8.onnx");
    CliRun.Result model = CliRun.run("log", "replay", recording.toString(), "--model", cartpole.toString(), "--no-out");
    assertThat(model.code()).as(model.out() + model.err()).isEqualTo(2);
    assertThat(model.err().strip().lines().filter(l -> l.startsWith("foresight:")).toList()).hasSize(1);
    assertThat(model.err()).contains("cartpole-int8.onnx").doesNotContain("Exception");

    CliRun.Result config = CliRun.run("log", "replay", recording.toString(), "--config",
        TestConfigs.ROOT.resolve("config/examples/cartpole-sim.yaml").toString(), "--no-out");
    assertThat(config.code()).isEqualTo(2);
    assertThat(config.err()).contains("the config's state variables [x, x_dot, theta, theta_dot] differ from the "
        + "recording's [theta, theta_dot]").doesNotContain("Exception");
  }

  @Test
  void aCutRecordingReplaysUpToItsDamageAndSaysWhere() throws Exception {
    byte[] bytes = Files.readAllBytes(recording);
    Path cut = dir.resolve("cut.mcap");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CliRun.Result r = CliRun.run("log", "replay", cut.toString(), "--no-out", "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("ticks").asLong()).isBetween(1L, 399L);
    assertThat(j.get("max_action_diff").get("torque").asDouble()).isZero();
    assertThat(r.err()).contains("foresight: " + cut + ": replayed up to tick " + j.get("ticks").asLong()
        + ": the file is damaged or cut short: ");
  }

  @Test
  void whatIsNotAReplayableRecordingIsOneLineAndExitTwo() throws Exception {
    Path notes = dir.resolve("notes.mcap");
    Files.writeString(notes, "not a recording");
    CliRun.Result notMcap = CliRun.run("log", "replay", notes.toString());
    assertThat(notMcap.code()).isEqualTo(2);
    assertThat(notMcap.err()).startsWith("foresight: " + notes + ": ").doesNotContain("Exception");

    Path foreign = dir.resolve("foreign.mcap");
    try (McapWriter w = McapWriter.create(foreign, "test", McapWriter.Options.DEFAULT)) {
      int schema = w.schema("x", "jsonschema", "{}".getBytes(StandardCharsets.UTF_8));
      int channel = w.channel("/temperature", schema, "json", Map.of());
      w.message(channel, 1, "{\"c\":21.5}".getBytes(StandardCharsets.UTF_8));
    }
    CliRun.Result other = CliRun.run("log", "replay", foreign.toString());
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).isEqualTo("foresight: " + foreign + ": not a Foresight recording: it has no /raw channel"
        + System.lineSeparator());

    // A recording made before the replay inputs were recorded: no clock origin in its metadata.
    Path old = dir.resolve("old.mcap");
    String yaml = Files.readString(dir.resolve("robot.yaml"));
    RecordingLayout layout = new RecordingLayout(List.of("plant.theta", "plant.theta_dot"), List.of("theta",
        "theta_dot"), List.of("rad", "rad/s"), new boolean[] {true, false}, List.of("torque"), List.of("N*m"), 0,
        50_000_000L);
    try (Recorder rec = Recorder.create(old, layout, Map.of("robot", "pendulum-mppi", "config_yaml", yaml), null, 0,
        McapWriter.Options.DEFAULT)) {
      rec.tick(new TickFrame(2, 2, 1, 0));
    }
    CliRun.Result noClock = CliRun.run("log", "replay", old.toString());
    assertThat(noClock.code()).isEqualTo(2);
    assertThat(noClock.err()).contains(old + ": recorded without the replay channels (the run metadata has no "
        + "clock_epoch_ns_at_zero); record it again with this version of Foresight").doesNotContain("Exception");

    CliRun.Result missing = CliRun.run("log", "replay", dir.resolve("nope.mcap").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains(dir.resolve("nope.mcap") + ": file not found");
  }
}
