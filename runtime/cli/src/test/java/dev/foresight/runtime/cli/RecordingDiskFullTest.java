package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.record.Recorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code foresight run} process whose recording runs out of room part-way: the child runs
 * under {@code ulimit -f 64} (no file of the process may grow past 64 KiB), so the kernel refuses
 * the recorder's writes once the file reaches that size ({@code EFBIG}, "File too large": the same
 * failed {@code write} a full disk gives as {@code ENOSPC}, on a real file, without root or a
 * filesystem to fill). The recorder must log one error naming the file and stop, the loop must run
 * its whole duration armed, and the file must read up to its last complete chunk.
 */
class RecordingDiskFullTest {

  @Test
  void aRecordingThatRunsOutOfRoomStopsWhileTheRobotRunsOn(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml"))
        .replace("safety:\n", "recording:\n  enabled: true\n  dir: " + dir.resolve("recordings")
            + "\n  flush_interval_s: 0.2\n  compression: none\n\nsafety:\n");
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, yaml);
    Path log = dir.resolve("run.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // bash's ulimit -f counts KiB; exec keeps the limit on the JVM itself. No perf-data file (it is a file too).
    String command = "ulimit -f 64 && exec \"$0\" -XX:-UsePerfData --enable-native-access=ALL-UNNAMED"
        + " -cp \"$1\" " + Main.class.getName() + " run --quiet --duration 4s --config \"$2\"";
    Process p = new ProcessBuilder("bash", "-c", command, java, System.getProperty("java.class.path"),
        config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    String output = String.join("\n", lines);
    assertThat(p.exitValue()).as(output).isZero();

    Path file;
    try (var files = Files.list(dir.resolve("recordings"))) {
      file = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    List<String> errors = lines.stream().filter(l -> l.contains("recording " + file + " stopped")).toList();
    assertThat(errors).as(output).hasSize(1);
    assertThat(errors.getFirst()).contains("File too large").contains("the robot runs on without recording");
    // and one error event (logged by the event pump; MQTT and the dashboard get it too)
    String event = "recording stopped; the robot runs on: recording " + file + " (java.io.IOException: File too large)";
    assertThat(lines.stream().filter(l -> l.contains("ERROR events: " + event)).count()).as(output).isEqualTo(1);
    assertThat(output).as("the run's summary lists it as an alert").containsPattern("error\\s+" + Pattern.quote(event));
    // The loop ran its 4 s at 20 Hz armed, through the failure: no safe stop, no fault.
    assertThat(output).containsPattern("\\b(79|80|81) ticks \\(4\\.0 s at 20 Hz\\), mode armed").contains("tick errors 0")
        .doesNotContainIgnoringCase("safe stop")
        .doesNotContainIgnoringCase("fault");
    assertThat(Files.size(file)).isLessThanOrEqualTo(64 * 1024);
    assertThat(output).containsPattern("recording: .*" + Pattern.quote(file.getFileName().toString())
        + " stopped on an error after \\d+ ticks; it reads up to its last complete chunk");

    List<Long> ticks = new ArrayList<>();
    JsonMapper json = JsonMapper.builder().build();
    McapReader.Scan scan = McapReader.read(file, m -> {
      if (m.channel().topic().equals(Recorder.STATE)) ticks.add(json.readTree(m.data()).get("tick").asLong());
    });
    assertThat(scan.complete()).isFalse();
    assertThat(scan.damage()).isPresent();
    assertThat(scan.chunks()).isGreaterThanOrEqualTo(1);
    assertThat(scan.metadata().get(Recorder.RUN_METADATA)).containsEntry("robot", "pendulum-gym");
    assertThat(ticks).as("ticks in complete chunks").isNotEmpty().hasSizeLessThan(79);
    for (int i = 0; i < ticks.size(); i++) assertThat(ticks.get(i)).isEqualTo(i + 1L);
  }
}
