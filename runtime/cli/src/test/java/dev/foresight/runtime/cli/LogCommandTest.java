package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.mcap.McapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCommandTest {

  /** 2 s of a 50 Hz /state channel with one dropped tick at t = 1 s, plus a 10 Hz /events channel. */
  static Path recording(Path dir) throws IOException {
    Path file = dir.resolve("run.mcap");
    try (McapWriter w = McapWriter.create(file, "test", new McapWriter.Options(1024, false))) {
      int schema = w.schema("state", "jsonschema", "{}".getBytes(StandardCharsets.UTF_8));
      int state = w.channel("/state", schema, "json", Map.of());
      int events = w.channel("/events", 0, "json", Map.of());
      w.metadata("run", Map.of("robot", "pendulum-gym", "seed", "7"));
      for (int i = 0; i < 100; i++) {
        if (i == 50) continue;
        long t = 1_000_000_000L + i * 20_000_000L;
        w.message(state, t, ("{\"theta\":" + (0.01 * i) + ",\"v\":[1," + i + "],\"ok\":true}")
            .getBytes(StandardCharsets.UTF_8));
        if (i % 5 == 0) w.message(events, t, "{\"text\":\"tick, with comma\"}".getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  @Test
  void infoSummarizesChannelsRatesAndGaps(@TempDir Path dir) throws IOException {
    Path file = recording(dir);
    CliRun.Result r = CliRun.run("log", "info", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("complete (closed cleanly, indexed)", "run: ", "robot pendulum-gym", "seed 7")
        .contains("(1.980 s)")
        .containsPattern("/state\\s+99\\s+50\\.0 Hz\\s+1\\s+40\\.0 ms\\s+state")
        .containsPattern("/events\\s+19\\s+10\\.0 Hz\\s+1\\s+200\\.0 ms");
  }

  @Test
  void infoOnACutFileSaysWhereItWasCut(@TempDir Path dir) throws IOException {
    Path file = recording(dir);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    CliRun.Result r = CliRun.run("log", "info", "--json", file.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"complete\" : false").containsPattern("\"damage\" : \"the file ends inside a chunk "
        + "record at byte \\d+ \\(\\d+ of \\d+ bytes present; cut short\\)\"");
  }

  @Test
  void exportWritesOneCsvPerTopicWithFlattenedFields(@TempDir Path dir) throws IOException {
    Path file = recording(dir);
    Path out = dir.resolve("csv");
    CliRun.Result r = CliRun.run("log", "export", file.toString(), "--csv", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> state = Files.readAllLines(out.resolve("state.csv"));
    assertThat(state.getFirst()).isEqualTo("log_time_s,theta,v[0],v[1],ok");
    assertThat(state.get(1)).isEqualTo("1.000000000,0.0,1,0,1");
    assertThat(state).hasSize(100);
    assertThat(Files.readAllLines(out.resolve("events.csv")).get(1)).isEqualTo("1.000000000,\"tick, with comma\"");
  }

  @Test
  void aFileThatIsNotMcapIsOneLineAndExit2(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("notes.mcap");
    Files.writeString(file, "not a recording");
    CliRun.Result r = CliRun.run("log", "info", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: " + file + ": not an MCAP file (it does not start with the MCAP "
        + "magic bytes)\n");
  }

  @Test
  void aMissingFileIsOneLineAndExit2() {
    CliRun.Result r = CliRun.run("log", "export", "nope.mcap", "--csv", "out");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: nope.mcap: file not found\n");
  }
}
