package dev.foresight.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.Allocation;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A robot recorded while it runs: what the control thread pays, what the file holds, what drops look like. */
class LiveRecordingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The demo pendulum with MPPI on the simulator (small, so ticks are quick) and a recording section. */
  static LoadedConfig plannerConfig(Path dir, String recording) throws Exception {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("samples: 256", "samples: 16").replace("horizon: 40", "horizon: 5")
        .replace("safety:\n", "recording:\n" + recording + "\nsafety:\n");
    return TestConfigs.write(dir, yaml);
  }

  static Map<String, List<JsonNode>> read(Path file, McapReader.Scan[] scan) throws Exception {
    Map<String, List<JsonNode>> byTopic = new LinkedHashMap<>();
    scan[0] = McapReader.read(file, m -> byTopic.computeIfAbsent(m.channel().topic(), k -> new ArrayList<>())
        .add(JSON.readTree(new String(m.data(), StandardCharsets.UTF_8))));
    return byTopic;
  }

  @Test
  void ticksWithALiveRecordingAllocateNothingOnTheControlThread(@TempDir Path dir) throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      LiveRecording recording = LiveRecording.start(robot, dir.resolve("run.mcap"), "test");
      robot.safety().arm("test");
      long period = robot.loop().periodNs();
      long[] t = {0};
      for (int i = 0; i < 20_000; i++) robot.loop().doWork(t[0] += period);
      long bytes = Allocation.smallestOfThree(() -> {
        for (int i = 0; i < 5_000; i++) robot.loop().doWork(t[0] += period);
      });
      assertThat(bytes).as("bytes the control thread allocated in 5,000 recorded ticks").isZero();
      robot.close();
      assertThat(recording.failed()).isFalse();
      McapReader.Scan scan = McapReader.read(recording.file(), m -> { });
      assertThat(scan.complete()).isTrue();
      assertThat(scan.metadata().get(Recorder.END_METADATA).get("ticks_written"))
          .isEqualTo(Long.toString(recording.ticksRecorded()));
    }
  }

  @Test
  void everyTickLandsOnJsonChannelsWithTheRunMetadataAndPredictions(@TempDir Path dir) throws Exception {
    LoadedConfig loaded = plannerConfig(dir, "  enabled: true");
    Path file = dir.resolve("run.mcap");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock(1_700_000_000_000L))) {
      LiveRecording.start(robot, file, "foresight test");
      robot.safety().arm("test");
      long period = robot.loop().periodNs();
      for (int i = 1; i <= 40; i++) robot.loop().doWork(i * period);
    }
    McapReader.Scan[] scan = new McapReader.Scan[1];
    Map<String, List<JsonNode>> topics = read(file, scan);

    assertThat(scan[0].complete()).isTrue();
    assertThat(topics.keySet()).contains(Recorder.RAW, Recorder.STATE, Recorder.PLANNED, Recorder.APPLIED, Recorder.PLAN,
        Recorder.PREDICTION, Recorder.MODE, Recorder.TIMING, Recorder.EVENTS, Recorder.RECORDER);
    for (McapReader.Channel c : scan[0].channels().values()) {
      assertThat(c.messageEncoding()).as(c.topic()).isEqualTo("json");
      assertThat(scan[0].schemas().get(c.schemaId()).encoding()).as(c.topic()).isEqualTo("jsonschema");
      JSON.readTree(scan[0].schemas().get(c.schemaId()).data());   // every schema is JSON
    }
    assertThat(topics.get(Recorder.STATE)).hasSize(40);
    JsonNode state = topics.get(Recorder.STATE).get(9);
    assertThat(state.get("tick").asLong()).isEqualTo(10);
    assertThat(state.has("theta") && state.has("theta_dot")).isTrue();
    assertThat(topics.get(Recorder.RAW).getFirst().get("channels").get(0).get("name").asString()).isEqualTo("plant.theta");
    assertThat(topics.get(Recorder.PLAN).getFirst().get("steps")).hasSize(5);
    JsonNode applied = topics.get(Recorder.APPLIED).get(5);
    assertThat(applied.get("torque").asDouble()).isBetween(-2.0, 2.0);
    assertThat(topics.get(Recorder.MODE).get(5).get("mode").asString()).isEqualTo("armed");
    assertThat(topics.get(Recorder.TIMING).get(5).has("plan_us")).isTrue();

    // The simulator predicts the next state from (state, applied action); on the plant itself it is exact.
    assertThat(topics.get(Recorder.PREDICTION)).hasSize(39);
    JsonNode p = topics.get(Recorder.PREDICTION).get(10);
    assertThat(p.get("tick").asLong()).isEqualTo(12);
    assertThat(Math.abs(p.get("error").get("theta").asDouble())).isLessThan(1e-5);
    assertThat(p.get("next").get("theta").asDouble())
        .isCloseTo(topics.get(Recorder.STATE).get(11).get("theta").asDouble(), org.assertj.core.data.Offset.offset(1e-5));

    Map<String, String> run = scan[0].metadata().get(Recorder.RUN_METADATA);
    assertThat(run).containsEntry("robot", "pendulum-mppi").containsEntry("config_sha256", loaded.sha256())
        .containsEntry("sim_plant", "pendulum").containsEntry("sim_seed", "7").containsEntry("rate_hz", "20")
        .containsEntry("foresight_version", "foresight test").containsKey("sim_parameters");
    assertThat(run.get("config_yaml")).contains("type: mppi");
    assertThat(scan[0].channels().values().stream().filter(c -> c.topic().equals(Recorder.STATE)).findFirst()
        .orElseThrow().metadata()).containsEntry("names", "theta,theta_dot").containsEntry("wrap", "theta");
    assertThat(topics.get(Recorder.EVENTS).getFirst().get("kind").asString()).isEqualTo("armed");
  }

  @Test
  void ticksTheRecorderCouldNotTakeAreDroppedCountedAndWrittenIntoTheFile(@TempDir Path dir) throws Exception {
    LoadedConfig loaded = plannerConfig(dir, "  enabled: true\n  queue_ticks: 16");
    Path file = dir.resolve("run.mcap");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock(1_700_000_000_000L))) {
      LiveRecording recording = LiveRecording.attach(robot, file, "test");   // the recorder thread is not running yet
      robot.safety().arm("test");
      long period = robot.loop().periodNs();
      for (int i = 1; i <= 100; i++) robot.loop().doWork(i * period);
      assertThat(recording.ticksDropped()).isEqualTo(84);
      recording.startThread();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (recording.ticksWritten() < 16 && System.nanoTime() < deadline) Thread.sleep(5);
      for (int i = 101; i <= 110; i++) robot.loop().doWork(i * period);
    }
    McapReader.Scan[] scan = new McapReader.Scan[1];
    Map<String, List<JsonNode>> topics = read(file, scan);
    assertThat(scan[0].metadata().get(Recorder.END_METADATA)).containsEntry("ticks_dropped", "84")
        .containsEntry("ticks_written", "26").containsEntry("tick_gaps", "1");
    assertThat(topics.get(Recorder.RECORDER).getLast().get("ticks_dropped").asLong()).isEqualTo(84);
    List<JsonNode> states = topics.get(Recorder.STATE);
    assertThat(states.get(15).get("tick").asLong()).isEqualTo(16);
    assertThat(states.get(16).get("tick").asLong()).as("the first tick after the drops").isEqualTo(101);
  }

  @Test
  void theInputsAReplayNeedsAreRecordedAtTheTickTheyTookEffect(@TempDir Path dir) throws Exception {
    LoadedConfig loaded = plannerConfig(dir, "  enabled: true");
    Path file = dir.resolve("run.mcap");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock(1_700_000_000_000L))) {
      LiveRecording.start(robot, file, "foresight test");
      long period = robot.loop().periodNs();
      long[] tick = {0};
      robot.loop().hook(nowNs -> {
        tick[0]++;
        if (tick[0] == 3) robot.safety().arm("test");
        if (tick[0] == 8) robot.loop().adjustments().setpoint(1, 0.25);
        if (tick[0] == 10) robot.safety().disarm("test");
      });
      for (int i = 1; i <= 12; i++) robot.loop().doWork(i * period);
    }
    McapReader.Scan[] scan = new McapReader.Scan[1];
    Map<String, List<JsonNode>> topics = read(file, scan);
    List<JsonNode> modes = topics.get(Recorder.MODE);
    assertThat(modes.get(1).get("mode_at_start").asString()).isEqualTo("disarmed");
    assertThat(modes.get(2).get("mode_at_start").asString()).as("armed by the tick's own command").isEqualTo("armed");
    assertThat(modes.get(9).get("mode_at_start").asString()).isEqualTo("disarmed");
    assertThat(modes.get(8).get("mode").asString()).isEqualTo("armed");
    // A stepped clock never runs out of budget: every tick gets the configured 2 iterations, none late.
    for (JsonNode p : topics.get(Recorder.PLAN)) {
      assertThat(p.get("iterations").asInt()).isEqualTo(2);
      assertThat(p.get("late").asBoolean()).isFalse();
    }
    assertThat(topics.get(Recorder.APPLIED).get(4).get("status").get(0).asString()).isEqualTo("ok");
    List<JsonNode> commands = topics.get(Recorder.COMMAND);
    assertThat(commands).hasSize(1);
    assertThat(commands.getFirst().get("tick").asLong()).isEqualTo(8);
    JsonNode change = commands.getFirst().get("changes").get(0);
    assertThat(change.get("kind").asString()).isEqualTo("setpoint");
    assertThat(change.get("name").asString()).isEqualTo("theta_dot");
    assertThat(change.get("value").asDouble()).isEqualTo(0.25);
    Map<String, String> run = scan[0].metadata().get(Recorder.RUN_METADATA);
    assertThat(run).containsEntry(RunMetadata.CLOCK_EPOCH_NS_AT_ZERO, "1700000000000000000")
        .containsEntry("planner_seed", "1").containsEntry("planning", "inline");
  }
}
