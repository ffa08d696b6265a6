package dev.foresight.runtime.tools;

import dev.foresight.models.trust.Calibration;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.RunSession;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.learn.Calibrations;
import dev.foresight.runtime.learn.LearnException;
import dev.foresight.runtime.learn.RecordedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight model calibrate}: how far a world model can be trusted, written into the model. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Calibrate the trust monitor of world models (ONNX) on recordings they were not trained on: the "
        + "one-step residual scale and ensemble-spread quantile per state variable, and the CUSUM threshold for a "
        + "false-alarm rate, written into each model's foresight.monitor.* metadata (docs/trust.md).",
        "The threshold is checked on the recordings themselves: a recorded episode that would alarm makes the "
            + "calibration refuse, with the reason."})
public final class ModelCalibrateCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "World model (.onnx), or a folder "
      + "of them (each is calibrated on its own residuals); repeatable.")
  List<Path> models;

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Held-out recordings (.mcap) or folders of them.")
  List<Path> data;

  @Option(names = "--false-alarms-per-hour", defaultValue = "0.1", paramLabel = "X",
      description = "Target false-alarm rate on a nominal robot (default ${DEFAULT-VALUE}: one per 10 hours).")
  double falseAlarmsPerHour;

  @Option(names = "--json", description = "Print the calibrations as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (!(falseAlarmsPerHour > 0 && falseAlarmsPerHour <= 3600)) {
      throw new UserException("--false-alarms-per-hour: " + falseAlarmsPerHour + " is out of range (above 0, at most "
          + "3600)");
    }
    List<Path> files = ModelFiles.list(models);
    RecordedData recorded = LearningInput.read(data);
    PrintWriter o = spec.commandLine().getOut();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path file : files) {
      Calibration c;
      try {
        c = Calibrations.calibrate(file, recorded, falseAlarmsPerHour);
      } catch (LearnException e) {
        throw new UserException(e.getMessage());
      }
      if (json) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", file.toString());
        j.put("metadata", c.toMetadata());
        out.add(j);
      } else {
        print(file, c, o);
      }
    }
    if (json) o.println(JSON.writeValueAsString(out));
    else LearningInput.notes(recorded, o);
    o.flush();
    return ExitCodes.OK;
  }

  private static void print(Path file, Calibration c, PrintWriter o) {
    o.printf(Locale.ROOT, "%s: calibrated on %d held-out ticks for %s false alarms per hour at %s Hz%n",
        RunSession.display(file), c.heldOutTicks(), trim(c.falseAlarmsPerHour()), trim(c.rateHz()));
    for (int i = 0; i < c.stateNames().size(); i++) {
      o.printf(Locale.ROOT, "  %-12s residual scale %.4g%s%n", c.stateNames().get(i), c.residualScale()[i],
          c.hasSpread() ? String.format(Locale.ROOT, ", spread 99%% %.4g", c.spreadQuantile()[i]) : "");
    }
    o.printf(Locale.ROOT, "  CUSUM: k %.3g, cap %.3g, threshold h %.4g (ln ARL0 = %.3f + %.4f h)%n", c.k(), c.cap(),
        c.h(), c.arlLogIntercept(), c.arlLogSlope());
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** The .onnx files named, folders expanded. */
  static final class ModelFiles {
    private ModelFiles() {}

    static List<Path> list(List<Path> models) throws IOException {
      List<Path> files = new ArrayList<>();
      for (Path m : models) {
        if (Files.isDirectory(m)) {
          try (var list = Files.list(m)) {
            List<Path> found = list.filter(f -> f.toString().endsWith(".onnx")).sorted().toList();
            if (found.isEmpty()) throw new UserException(m + ": no .onnx models in this folder");
            files.addAll(found);
          }
        } else if (!Files.isRegularFile(m)) {
          throw new UserException(m + ": file not found");
        } else {
          files.add(m);
        }
      }
      return files;
    }
  }
}
