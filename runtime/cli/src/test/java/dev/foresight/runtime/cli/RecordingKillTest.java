package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.record.Recorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code foresight run} process recording to MCAP, killed with SIGKILL (no shutdown hook, no
 * flush): the file must read up to its last complete chunk, and {@code log info} must say where it
 * was cut.
 */
class RecordingKillTest {

  @Test
  void aRecordingCutBySigkillReadsUpToItsLastCompleteChunk(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml"))
        .replace("safety:\n", "recording:\n  enabled: true\n  dir: " + dir.resolve("recordings")
            + "\n  flush_interval_s: 0.2\n\nsafety:\n");
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, yaml);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "run", "--quiet", "--config", config.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("foresight: recording to")) break;
      }
      Thread.sleep(1_500);   // 30 ticks at 20 Hz: several 0.2 s chunks written, one being gathered
      p.toHandle().destroyForcibly();   // SIGKILL
      while ((line = out.readLine()) != null) lines.add(line);
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(137);   // 128 + SIGKILL
    assertThat(lines).as("the process was killed before it could print a summary").noneMatch(l -> l.contains(" ticks ("));

    Path file;
    try (var files = Files.list(dir.resolve("recordings"))) {
      file = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    List<Long> ticks = new ArrayList<>();
    JsonMapper json = JsonMapper.builder().build();
    McapReader.Scan scan = McapReader.read(file, m -> {
      if (m.channel().topic().equals(Recorder.STATE)) ticks.add(json.readTree(m.data()).get("tick").asLong());
    });
    assertThat(scan.complete()).isFalse();
    assertThat(scan.damage()).isPresent();
    assertThat(scan.chunks()).isGreaterThanOrEqualTo(2);
    assertThat(scan.metadata().get(Recorder.RUN_METADATA)).containsEntry("robot", "pendulum-gym");
    assertThat(ticks.size()).as("ticks in complete chunks").isGreaterThanOrEqualTo(8);
    for (int i = 0; i < ticks.size(); i++) assertThat(ticks.get(i)).isEqualTo(i + 1L);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new String[] {"log", "info", file.toString()}, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("incomplete: " + scan.damage().get())
        .containsPattern("/state\\s+" + ticks.size() + "\\s");
  }
}
