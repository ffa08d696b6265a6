package dev.foresight.runtime.tools;

import dev.foresight.config.Suggestions;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.report.Replay;
import dev.foresight.runtime.report.TrajectoryPlot;
import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import dev.foresight.sim.Trajectory;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight sim rollout}: runs action sequences through a plant and prints what it did,
 * one JSON line per input line. This is how anyone checks the plants against reference trajectories.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = {"Roll out action sequences on a plant: one JSON line in, one JSON line out.",
        "Input line:  {\"state\": [...], \"actions\": [[...], ...]}   (physical units: cartpole force N, "
            + "acrobot torque N m, rover volts)",
        "Output line: {\"states\": [...], \"observations\": [...], \"rewards\": [...], \"terminated\": [...]}, "
            + "one entry per step; a trajectory stops after the step that terminates it.",
        "Plants: pendulum, cartpole, cartpole-swingup, acrobot, mountain-car, rover."})
final class RolloutCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Option(names = "--plant", required = true, paramLabel = "NAME", description = "Plant to simulate.")
  String plant;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "JSON Lines of {\"state\", \"actions\"}; - reads standard input.")
  String input;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the results here (default: standard output).")
  Path out;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "Set a plant parameter (repeatable), e.g. --param gravity=9.81.")
  List<String> params = new ArrayList<>();

  @Option(names = "--plot", paramLabel = "FILE", description = "Also draw the runs' states, actions and rewards (.png or .svg).")
  Path plot;

  @Option(names = "--replay", paramLabel = "FILE", description = "Also write an animated HTML replay of the runs (.html).")
  Path replay;

  @Override
  public Integer call() throws IOException {
    String kind = plantKind(plant);
    Parameters parameters = parameters(kind);
    checkPictureFiles();
    Plant sim = Plants.create(kind, parameters);
    List<RolloutInput.Line> lines = RolloutInput.parse(input, readInput(), sim.spec());
    List<Trajectory> runs = new ArrayList<>();
    if (out == null) {
      PrintWriter writer = spec.commandLine().getOut();
      write(sim, lines, writer, runs);
      writer.flush();
    } else {
      Path absolute = out.toAbsolutePath();
      // Written beside the target and moved over it when complete: a failure leaves no half file
      // and never clobbers an earlier result.
      Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".part");
      try {
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
          write(sim, lines, writer, runs);
        }
        move(temp, absolute);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    String title = kind + (params.isEmpty() ? "" : " (" + String.join(", ", params) + ")")
        + " - rollout of " + input;
    if (plot != null) TrajectoryPlot.write(runs, title, plot);
    if (replay != null) Replay.write(runs, title, replay);
    return ExitCodes.OK;
  }

  private void write(Plant sim, List<RolloutInput.Line> lines, Writer writer, List<Trajectory> keep) throws IOException {
    boolean picture = plot != null || replay != null;
    for (RolloutInput.Line line : lines) {
      Trajectory t = Trajectory.rollout(sim, line.state(), line.actions());
      check(line, t);
      writeLine(writer, t);
      if (picture && keep.size() < TrajectoryPlot.MAX_RUNS) keep.add(t);
    }
  }

  private void check(RolloutInput.Line line, Trajectory t) {
    for (int k = 0; k < t.steps(); k++) {
      if (Arrays.stream(t.states()[k]).anyMatch(v -> !Double.isFinite(v)) || !Double.isFinite(t.rewards()[k])) {
        throw new UserException(input + ":" + line.number() + ": step " + k + " left the plant's state non-finite "
            + "(NaN or infinite); the start or the actions are far outside what this plant can represent");
      }
    }
  }

  private static void writeLine(Writer writer, Trajectory t) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(new NonClosing(writer))) {
      g.writeStartObject();
      matrix(g, "states", t.states());
      matrix(g, "observations", t.observations());
      g.writeName("rewards");
      g.writeArray(t.rewards(), 0, t.rewards().length);
      g.writeName("terminated");
      g.writeStartArray();
      for (boolean b : t.terminated()) g.writeBoolean(b);
      g.writeEndArray();
      g.writeEndObject();
    }
    writer.write('\n');
  }

  private static void matrix(JsonGenerator g, String name, double[][] rows) {
    g.writeName(name);
    g.writeStartArray();
    for (double[] row : rows) g.writeArray(row, 0, row.length);
    g.writeEndArray();
  }

  private static String plantKind(String name) {
    return Plants.byName(name).map(f -> name).orElseThrow(() -> {
      List<String> names = Plants.names();
      String hint = Suggestions.closest(name, names).map(n -> "did you mean " + n + "? ").orElse("");
      return new UserException("unknown plant '" + name + "'; " + hint + "(plants: " + String.join(", ", names) + ")");
    });
  }

  private Parameters parameters(String kind) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) throw new UserException("--param " + p + ": write NAME=VALUE, e.g. --param gravity=9.81");
      String name = p.substring(0, eq).trim();
      String value = p.substring(eq + 1).trim();
      try {
        values.put(name, Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new UserException("--param " + p + ": '" + value + "' is not a number");
      }
    }
    try {
      return Plants.defaults(kind).with(values);
    } catch (IllegalArgumentException e) {
      throw new UserException("--param: " + e.getMessage());
    }
  }

  private void checkPictureFiles() {
    if (plot != null) {
      String name = plot.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".png") && !name.endsWith(".svg")) {
        throw new UserException("--plot " + plot + ": write the plot as .png or .svg");
      }
    }
    if (replay != null && !replay.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
      throw new UserException("--replay " + replay + ": the replay is an .html file");
    }
  }

  private List<String> readInput() throws IOException {
    if (input.equals("-")) {
      try (var reader = new java.io.BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        return reader.lines().toList();
      }
    }
    try {
      return Files.readAllLines(Path.of(input), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException(input + ": file not found");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new UserException(input + ": is not UTF-8 text");
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Lets a JSON generator write one line without closing the shared writer. */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
