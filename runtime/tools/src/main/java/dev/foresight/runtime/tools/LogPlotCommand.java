package dev.foresight.runtime.tools;

import static dev.foresight.runtime.cli.LogCommand.existing;
import static dev.foresight.runtime.cli.LogCommand.notMcap;

import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.report.RecordingPlot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foresight log plot FILE [--out FILE.png|.svg] [--from S] [--to S]}. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = {"Draw a recorded run against time: state (with the world model's one-step prediction), "
        + "applied and planned actions, cost with events, model error, tick duration.",
        "Long recordings are thinned to at most " + RecordingPlot.MAX_POINTS + " ticks per series; "
        + "--from/--to zoom in."})
public final class LogPlotCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Recording (.mcap).")
  Path file;

  @Option(names = "--out", paramLabel = "FILE", description = "Picture to write, .png or .svg (default: the "
      + "recording's name with .png, next to it).")
  Path out;

  @Option(names = "--from", paramLabel = "S", defaultValue = "0", description = "Start, seconds from the "
      + "recording's first message (default 0).")
  double fromS;

  @Option(names = "--to", paramLabel = "S", description = "End, seconds from the first message (default: the end).")
  Double toS;

  @Override
  public Integer call() throws IOException {
    Path picture = out != null ? out : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.mcap$", "")
        + ".png");
    String name = picture.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw new UserException("--out: " + picture + ": a plot is written as .png or .svg");
    }
    double to = toS != null ? toS : Double.POSITIVE_INFINITY;
    if (!(fromS >= 0) || !(to > fromS)) {
      throw new UserException("--from/--to: need 0 <= from < to, not " + fromS + " and "
          + (toS != null ? toS : "the end"));
    }
    RecordingPlot.Result r;
    try {
      r = RecordingPlot.write(existing(file), picture, fromS, to);
    } catch (McapException e) {
      throw notMcap(file, e);
    } catch (RecordingPlot.NothingToPlot e) {
      throw new UserException(file + ": nothing to plot: " + e.getMessage());
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%s: %d ticks from %.1f s to %.1f s%s, %d panels, %d events -> %s%n", file,
        r.ticks(), r.fromS(), r.toS(), r.every() > 1 ? " (1 in " + r.every() + " drawn)" : "", r.panels(),
        r.events(), picture);
    w.flush();
    r.damage().ifPresent(d -> spec.commandLine().getErr().println("foresight: " + file + ": plotted up to the "
        + "damage: " + d));
    return ExitCodes.OK;
  }
}
