package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A soak: {@code foresight run} of the pendulum on emulated chips (drivers, supervisor, recorder,
 * the link to a real Mosquitto) on the stepped clock, with sensor faults injected at seeded random
 * times. Short here (30 simulated minutes, 36,000 ticks); {@code -Dforesight.soak.minutes=1440}
 * runs 24 h of simulated time. Asserts: every tick recorded, in order, none dropped; every injected
 * fault answered by its reaction (a {@code sensor_invalid} fault event on hold, then recovered).
 */
class SoakTest {

  @TempDir Path dir;

  record Fault(double startS, double durationS) {}

  @Test
  void aLongRunWithInjectedFaultsRecordsEveryTickAndAnswersEveryFault() throws Exception {
    int minutes = Integer.getInteger("foresight.soak.minutes", 30);
    double durationS = minutes * 60.0;
    // One fault about every 45 s, 0.1..0.5 s long (the pivot's I2C NACKs), never overlapping.
    SplittableRandom random = new SplittableRandom(13);
    List<Fault> faults = new ArrayList<>();
    for (double t = 5; t < durationS - 10; t += 20 + random.nextDouble() * 50) {
      faults.add(new Fault(Math.round(t * 20) / 20.0, 0.1 + Math.round(random.nextDouble() * 8) * 0.05));
    }
    StringBuilder injected = new StringBuilder("  faults:\n");
    for (Fault f : faults) {
      injected.append(String.format(Locale.ROOT, "    - {device: pivot, kind: nack, start_s: %.2f, duration_s: %.2f}%n",
          f.startS(), f.durationS()));
    }
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml"))
        .replaceFirst("(?m)^  id: .*$", "  id: soak")
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n" + injected)
        // Unpaced, the loop outruns the recorder thread (about 7,000 ticks/s against 5,000 here), and a
        // full queue drops ticks by design (the loop never waits): a queue for the whole run.
        .replace("safety:\n", "recording:\n  enabled: true\n  dir: " + dir.resolve("recordings")
            + "\n  queue_ticks: 1000000\n\nsafety:\n"
            // The sensor holds its last command through a NACK burst; the robot keeps going.
            + "  ladder:\n    sensor_invalid: [{reaction: hold}, {reaction: safe_stop, after_ms: 2000}]\n"
            // Unpaced, simulated time races ahead of the network (a connection takes real
            // milliseconds, thousands of ticks): the link is watched, not judged.
            + "  link_loss: {ignore: true}\n")
        .replaceAll("(?s)  envelope:\n    - variable: theta_dot\n      min: -8.0\n      max: 8.0\n      reaction: safe_stop\n", "");
    Path config = dir.resolve("soak.yaml");
    Files.writeString(config, yaml);

    CliRun.Result run;
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")), "")) {
      run = CliRun.run("run", "--json", "--config", config.toString(), "--duration", minutes + "m",
          "--broker", broker.url());
    }
    assertThat(run.code()).as(run.err()).isZero();
    JsonMapper json = JsonMapper.builder().build();
    JsonNode summary = json.readTree(run.out());
    long ticks = (long) Math.round(durationS * 20);
    assertThat(summary.path("mode").stringValue()).as(run.out()).isEqualTo("armed");
    assertThat(summary.path("recording").path("dropped").longValue()).isZero();
    assertThat(summary.path("recording").path("ticks").longValue()).isEqualTo(ticks);

    Path file;
    try (var files = Files.list(dir.resolve("recordings"))) {
      file = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    long[] expected = {1};
    long[] outOfOrder = {0};
    List<JsonNode> faultEvents = new ArrayList<>();
    McapReader.Scan scan = McapReader.read(file, m -> {
      if (m.channel().topic().equals(Recorder.STATE)) {
        if (json.readTree(m.data()).get("tick").asLong() != expected[0]) outOfOrder[0]++;
        expected[0]++;
      } else if (m.channel().topic().equals(Recorder.EVENTS)) {
        JsonNode e = json.readTree(m.data());
        if (e.path("cause").stringValue().equals("sensor_invalid") && e.path("kind").stringValue().equals("fault")) {
          faultEvents.add(e);
        }
      }
    });
    assertThat(scan.complete()).isTrue();
    assertThat(expected[0] - 1).as("ticks recorded").isEqualTo(ticks);
    assertThat(outOfOrder[0]).as("ticks out of order or missing").isZero();
    assertThat(faultEvents).as("one fault event per injected fault (%d injected)", faults.size()).hasSize(faults.size());
    assertThat(faultEvents).allSatisfy(e -> assertThat(e.path("response").stringValue()).isEqualTo("hold"));
  }
}
