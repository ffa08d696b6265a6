package dev.foresight.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.link.LinkFixtures;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight fleet record} (issue 18 item 4) on a real Mosquitto: two instances in one shared
 * subscription group split the telemetry of two robots with nothing lost or written twice; one
 * instance's per-robot recordings are read by {@code log info} and train a model with {@code model train}.
 */
class FleetRecordTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void fleetTelemetryBecomesRecordingsThatTrainAModel() throws Exception {
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")), "")) {
      // Telemetry at the loop rate (20 Hz): every tick reaches the recordings.
      String telemetry = "  rate_hz: 20\n";
      LoadedConfig r1 = LinkFixtures.config(dir, "pendulum-sim.yaml", "rec-r1", telemetry);
      LoadedConfig r2 = LinkFixtures.config(dir, "pendulum-sim.yaml", "rec-r2", telemetry);
      Path one = dir.resolve("one");
      Path splitA = dir.resolve("split-a");
      Path splitB = dir.resolve("split-b");
      CompletableFuture<CliRun.Result> single = record(broker.url(), one, r1.file(), "solo");
      CompletableFuture<CliRun.Result> a = record(broker.url(), splitA, r1.file(), "pair");
      CompletableFuture<CliRun.Result> b = record(broker.url(), splitB, r1.file(), "pair");
      Thread.sleep(1_500);   // the three subscriptions are in place
      try (var robot1 = LinkFixtures.linked(r1, broker.url()); var robot2 = LinkFixtures.linked(r2, broker.url())) {
        robot1.robot().start(Long.MAX_VALUE);
        robot2.robot().start(Long.MAX_VALUE);
        Thread.sleep(5_000);
      }
      String outputs = "";
      for (CompletableFuture<CliRun.Result> f : List.of(single, a, b)) {
        CliRun.Result r = f.get();
        assertThat(r.code()).as(r.err()).isZero();
        outputs += r.out();
      }
      // The solo group got everything: contiguous ticks per robot.
      long sharesA = 0;
      long sharesB = 0;
      for (String id : List.of("rec-r1", "rec-r2")) {
        List<Long> ticks = ticks(one.resolve(id + ".mcap"));
        assertThat(ticks.size()).as(id).isGreaterThan(40);
        for (int i = 1; i < ticks.size(); i++) assertThat(ticks.get(i)).isEqualTo(ticks.get(i - 1) + 1);
        // The pair split the same samples: no tick in both, none missing between the first and last.
        // (Which instance gets which message is the broker's choice: Mosquitto rotates per message, so
        // two robots at one rate may each land on one instance.)
        Set<Long> inA = new HashSet<>(ticks(splitA.resolve(id + ".mcap")));
        Set<Long> inB = new HashSet<>(ticks(splitB.resolve(id + ".mcap")));
        sharesA += inA.size();
        sharesB += inB.size();
        Set<Long> both = new HashSet<>(inA);
        both.retainAll(inB);
        assertThat(both).as("written by both").isEmpty();
        Set<Long> union = new HashSet<>(inA);
        union.addAll(inB);
        assertThat(union).as(outputs).containsAll(ticks);
      }
      assertThat(sharesA).as("instance A's share").isPositive();
      assertThat(sharesB).as("instance B's share").isPositive();

      CliRun.Result info = CliRun.run("log", "info", one.resolve("rec-r1.mcap").toString());
      assertThat(info.code()).as(info.err()).isZero();
      assertThat(info.out()).contains("rec-r1");

      CliRun.Result train = CliRun.run("model", "train", "--data", one.toString(), "--config", r1.file().toString(),
          "--out", dir.resolve("model").toString(), "--ensemble", "1", "--hidden", "16", "--epochs", "5", "--batch", "32");
      assertThat(train.code()).as(train.out() + train.err()).isZero();
      try (var files = Files.list(dir.resolve("model"))) {
        assertThat(files.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith(".onnx"));
      }
    }
  }

  @Test
  void aGroupNameWithATopicCharacterIsRefusedInOneLine() {
    CliRun.Result r = CliRun.run("fleet", "record", "--out", dir.toString(), "--config", "x.yaml", "--group", "a/b");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: --group: 'a/b' is not a share name; use letters, digits, _ and - "
        + "(no / + #)");
  }

  private static CompletableFuture<CliRun.Result> record(String url, Path out, Path config, String group) {
    // A thread each (the common pool may have a single worker on two cores).
    CompletableFuture<CliRun.Result> result = new CompletableFuture<>();
    Thread.ofPlatform().daemon(true).start(() -> result.complete(CliRun.run("fleet", "record", "--broker", url, "--out", out.toString(),
        "--config", config.toString(), "--group", group, "--duration", "8s", "--json")));
    return result;
  }

  private static List<Long> ticks(Path file) throws Exception {
    List<Long> ticks = new ArrayList<>();
    if (!Files.exists(file)) return ticks;
    McapReader.read(file, m -> {
      if (m.channel().topic().equals(Recorder.STATE)) {
        JsonNode n = JSON.readTree(m.data());
        ticks.add(n.path("tick").asLong());
      }
    });
    return ticks;
  }
}
