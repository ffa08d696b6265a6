package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.mcap.McapWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foresight run --record} writes a recording; {@code foresight log plot} draws it. */
class LogPlotCommandTest {

  @TempDir static Path dir;
  static Path recording;

  /** 10 simulated seconds of MPPI on the pendulum (unpaced), recorded because of --record. */
  @BeforeAll
  static void recordARun() throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n")
        + "\nrecording:\n  dir: " + dir.resolve("rec") + "\n";
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, text);
    CliRun.Result r = CliRun.run("run", "--config", config.toString(), "--duration", "10s", "--quiet", "--record");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("recording: ").contains("(200 ticks, 0 dropped)");
    try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
      recording = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
  }

  @Test
  void plotsStateWithPredictionActionsCostAndModelError() throws Exception {
    Path png = dir.resolve("run.png");
    CliRun.Result r = CliRun.run("log", "plot", recording.toString(), "--out", png.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    // theta, theta_dot, torque, cost, model error; no tick-duration panel on a simulated clock
    assertThat(r.out()).contains(": 200 ticks from 0.0 s to 10.0 s, 5 panels, 2 events -> " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * 560);
    assertThat(image.getHeight()).isEqualTo(44 + 3 * 240);
    assertThat(distinctColours(image)).as("lines drawn, not a blank sheet").isGreaterThan(20);
  }

  @Test
  void zoomsIntoAWindowAndWritesSvg() throws Exception {
    Path svg = dir.resolve("zoom.svg");
    CliRun.Result r = CliRun.run("log", "plot", recording.toString(), "--from", "2", "--to", "4", "--out",
        svg.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains(": 41 ticks from 2.0 s to 4.0 s");
    assertThat(Files.readString(svg)).contains("<svg", "2.0 s to 4.0 s");
  }

  @Test
  void theDefaultPictureSitsNextToTheRecording() {
    CliRun.Result r = CliRun.run("log", "plot", recording.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Path expected = recording.resolveSibling(recording.getFileName().toString().replace(".mcap", ".png"));
    assertThat(expected).isRegularFile();
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    CliRun.Result jpg = CliRun.run("log", "plot", recording.toString(), "--out", dir.resolve("x.jpg").toString());
    assertThat(jpg.code()).isEqualTo(2);
    assertThat(jpg.err()).contains("--out: " + dir.resolve("x.jpg") + ": a plot is written as .png or .svg")
        .doesNotContain("Exception");

    CliRun.Result backwards = CliRun.run("log", "plot", recording.toString(), "--from", "5", "--to", "3");
    assertThat(backwards.code()).isEqualTo(2);
    assertThat(backwards.err()).contains("--from/--to: need 0 <= from < to, not 5.0 and 3.0");

    CliRun.Result late = CliRun.run("log", "plot", recording.toString(), "--from", "100");
    assertThat(late.code()).isEqualTo(2);
    assertThat(late.err()).contains(recording + ": nothing to plot: no ticks after 100.000 s");

    Path notes = dir.resolve("notes.mcap");
    Files.writeString(notes, "not a recording");
    CliRun.Result notMcap = CliRun.run("log", "plot", notes.toString());
    assertThat(notMcap.code()).isEqualTo(2);
    assertThat(notMcap.err()).startsWith("foresight: " + notes + ": ").doesNotContain("Exception");

    CliRun.Result missing = CliRun.run("log", "plot", dir.resolve("nope.mcap").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains(dir.resolve("nope.mcap") + ": file not found");

    Path other = dir.resolve("other.mcap");
    try (McapWriter w = McapWriter.create(other, "test", McapWriter.Options.DEFAULT)) {
      int schema = w.schema("x", "jsonschema", "{}".getBytes(StandardCharsets.UTF_8));
      int channel = w.channel("/temperature", schema, "json", Map.of());
      w.message(channel, 1, "{\"c\":21.5}".getBytes(StandardCharsets.UTF_8));
    }
    CliRun.Result noState = CliRun.run("log", "plot", other.toString());
    assertThat(noState.code()).isEqualTo(2);
    assertThat(noState.err()).contains(other + ": nothing to plot: no /state channel: not a Foresight run recording");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) colours.add(image.getRGB(x, y));
    }
    return colours.size();
  }
}
