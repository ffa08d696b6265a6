package dev.foresight.runtime.tools;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.RunSession;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.cli.VersionProvider;
import dev.foresight.runtime.learn.LearnException;
import dev.foresight.runtime.learn.ModelUpdate;
import dev.foresight.runtime.learn.RecordedData;
import dev.foresight.runtime.learn.RecordingConfigs;
import dev.foresight.runtime.learn.Training;
import dev.foresight.runtime.learn.trainer.ProgressListener;
import dev.foresight.runtime.plan.Episodes;
import dev.foresight.runtime.plan.PlannerAssembly;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foresight model update}: the slow loop, a model retrained on new recordings behind a gate. */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Update a world model that model train wrote with new recordings: retrain the same architecture "
        + "with the same settings and seed (training.json beside the model) on the new recordings plus the reservoir "
        + "of the original training data (<folder>-reservoir.csv), so the old regime is not forgotten; export fp32 and "
        + "int8 into --out, calibrate them on held-out new ticks, and write a gate report (update.json, update.txt).",
        "The gate compares old and new: k-step error on held-out new ticks (must be better at 1 step and at "
            + "--horizon), one-step error on held-out original data (at most --original-tolerance worse), no NaN, "
            + "closed-loop return in the simulator (at most --return-tolerance worse). Verdict: accept or reject, with "
            + "the reasons. The old model is never changed; exit code 0 for accept, 1 for reject."})
public final class ModelUpdateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "The model to update (.onnx, from model train: training.json and the reservoir beside it).")
  Path model;

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
      description = "New recordings (.mcap) or folders of them, of the model's robot at its rate.")
  List<Path> data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the new model (not the old one's).")
  Path out;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Robot config for the closed-loop check "
      + "(a sim section and an mppi or cem controller; default: the example that simulates the recordings' plant with mppi).")
  Path config;

  @Option(names = "--horizon", defaultValue = "10", paramLabel = "H",
      description = "Steps of the k-step comparison (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--original-tolerance", defaultValue = "0.05", paramLabel = "X",
      description = "How much worse on the original data the new model may be, as a share (default ${DEFAULT-VALUE}).")
  double originalTolerance;

  @Option(names = "--return-tolerance", defaultValue = "0.05", paramLabel = "X",
      description = "How much lower its closed-loop return may be, as a share of |old| (default ${DEFAULT-VALUE}).")
  double returnTolerance;

  @Option(names = "--episodes", defaultValue = "10", paramLabel = "N",
      description = "Closed-loop episodes per model (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--steps", defaultValue = "200", paramLabel = "N",
      description = "Steps per closed-loop episode (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Closed-loop episode i starts from seed S + i (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--false-alarms-per-hour", defaultValue = "0.1", paramLabel = "X",
      description = "False-alarm rate the new files' trust monitor is calibrated for (default ${DEFAULT-VALUE}).")
  double falseAlarmsPerHour;

  @Option(names = "--reservoir", defaultValue = "5000", paramLabel = "N",
      description = "Capacity of the new model's reservoir (default ${DEFAULT-VALUE}).")
  int reservoir;

  @Option(names = "--threads", paramLabel = "N", description = "Members trained at once (default: the CPU count).")
  Integer threads;

  @Option(names = "--json", description = "Print the gate report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (horizon < 1 || horizon > 1000) throw new UserException("--horizon must be 1..1000");
    if (episodes < 1) throw new UserException("--episodes must be at least 1");
    if (steps < 1) throw new UserException("--steps must be at least 1");
    if (reservoir < 1 || reservoir > 10_000_000) throw new UserException("--reservoir must be 1..10000000");
    if (!(originalTolerance >= 0 && originalTolerance < 10)) throw new UserException("--original-tolerance must be 0..10");
    if (!(returnTolerance >= 0 && returnTolerance < 10)) throw new UserException("--return-tolerance must be 0..10");
    if (!(falseAlarmsPerHour > 0 && falseAlarmsPerHour <= 3600)) {
      throw new UserException("--false-alarms-per-hour: " + falseAlarmsPerHour + " is out of range (above 0, at most "
          + "3600)");
    }
    RecordedData recorded = LearningInput.read(data);
    LoadedConfig loop = closedLoopConfig(recorded);
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    var settings = new ModelUpdate.Settings(horizon, 0.2, originalTolerance, returnTolerance, falseAlarmsPerHour,
        reservoir, threads != null ? Math.max(1, threads) : cores);
    PrintWriter o = spec.commandLine().getOut();
    if (!json) {
      o.printf(Locale.ROOT, "foresight: updating %s with %d transitions (%d episodes, %d recording%s); closed loop on %s%n",
          RunSession.display(model), recorded.transitions().count(), recorded.segments().size(), recorded.files().size(),
          recorded.files().size() == 1 ? "" : "s", RunSession.display(loop.file()));
      LearningInput.notes(recorded, o);
      o.flush();
    }
    ModelUpdate.Result r;
    try {
      r = ModelUpdate.run(model, recorded, out, settings, "foresight " + VersionProvider.version(),
          file -> closedLoopReturn(loop, file), ProgressListener.NONE);
    } catch (LearnException e) {
      throw new UserException(e.getMessage());
    }
    if (json) {
      o.println(Files.readString(r.json()).replaceAll("\\s*\\n\\s*", " "));
    } else {
      o.print(Files.readString(r.text()));
      for (Training.Export e : r.exports()) {
        o.printf(Locale.ROOT, "%s  %s  %.1f kB  %s%n", RunSession.display(e.file()), e.quantization(), e.bytes() / 1000.0,
            e.calibration().map(c -> String.format(Locale.ROOT, "calibrated on %d held-out new ticks, CUSUM h %.4g",
                c.heldOutTicks(), c.h())).orElse("uncalibrated: " + e.uncalibrated().orElse("?")));
      }
      o.printf("%s  %s  %s%n", RunSession.display(r.reservoir()), RunSession.display(r.json()),
          RunSession.display(r.text()));
    }
    o.flush();
    return r.accepted() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** The config the closed-loop check plans with: --config, or the example for the recordings' plant. */
  private LoadedConfig closedLoopConfig(RecordedData recorded) throws java.io.IOException {
    Path file = config;
    if (file == null) {
      String plant = RecordingConfigs.load(recorded).flatMap(RobotConfig::sim).map(s -> s.plant()).orElseThrow(() ->
          new UserException("the recordings do not name a simulated plant for the closed-loop check; give --config "
              + "FILE (a sim section and an mppi or cem controller)"));
      file = SimEvalCommand.example(Path.of(System.getProperty("foresight.home", ".")).resolve("config/examples"),
          plant, "mppi");
    }
    try {
      LoadedConfig loaded = ConfigLoader.load(file);
      if (loaded.config().sim().isEmpty()) {
        throw new UserException(file + ": the closed-loop check needs hardware.platform: sim and a sim section");
      }
      return loaded;
    } catch (ConfigException e) {
      throw new UserException(e.getMessage());
    }
  }

  private double closedLoopReturn(LoadedConfig loaded, Path file) {
    LoadedConfig c = SimEvalCommand.withModel(loaded, file);
    try {
      var controller = PlannerAssembly.controller(c, new Episodes.Counter());
      try {
        return Episodes.run(c.config(), controller, episodes, seed, steps, null).mean();
      } finally {
        if (controller instanceof AutoCloseable closeable) closeable.close();
      }
    } catch (AssemblyException | IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
