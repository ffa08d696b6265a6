package dev.foresight.runtime.tools;

import static dev.foresight.runtime.cli.LogCommand.existing;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.cli.VersionProvider;
import dev.foresight.runtime.record.RunMetadata;
import dev.foresight.runtime.replay.LogReplay;
import dev.foresight.runtime.replay.RecordedRun;
import dev.foresight.runtime.replay.ReplayException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight log replay FILE [--config FILE] [--model FILE] [--out FILE] [--json]}. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Run a recording's inputs (raw sensor values, operator commands at their tick, the planner's "
        + "iterations) through the same estimator, planner and safety supervisor on a stepped clock, with no "
        + "devices, and write the replayed run as a new recording.",
        "With the recording's own config and model: a replayability check (max |replayed - recorded action|, "
        + "the first tick that differs; 0 expected). With --config or --model: a counterfactual on real data "
        + "(the other controller's action per tick, each world model's one-step error against what happened)."})
public final class LogReplayCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Recording (.mcap) made by foresight run --record.")
  Path file;

  @Option(names = "--config", paramLabel = "FILE", description = "Replay with this robot config instead of the one "
      + "stored in the recording (a counterfactual unless it is the same file).")
  Path config;

  @Option(names = "--model", paramLabel = "FILE", description = "Plan on this ONNX world model instead of the "
      + "config's (a counterfactual).")
  Path model;

  @Option(names = "--out", paramLabel = "FILE", description = "The replayed run (default: the recording's name "
      + "with -replay.mcap, next to it).")
  Path out;

  @Option(names = "--no-out", description = "Write no recording (the comparison only).")
  boolean noOut;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Path where = out != null ? out : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.mcap$", "")
        + "-replay.mcap");
    if (where.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      throw new UserException("--out: " + where + " is the recording itself; write the replay to another file");
    }
    LogReplay.Result r;
    List<LogReplay.ModelError> models;
    try {
      RecordedRun recorded = RecordedRun.read(existing(file));
      LoadedConfig with = recorded.config();
      boolean check = true;
      if (config != null) {
        with = ConfigLoader.load(existing(config));
        check = with.sha256().equals(recorded.run().getOrDefault("config_sha256", ""));
      }
      if (model != null) {
        with = SimEvalCommand.withModel(with, model);
        check = check && RunMetadata.sha256(model).orElse("").equals(recorded.run().getOrDefault("model_sha256", "-"));
      }
      r = LogReplay.run(recorded, with, check, noOut ? Optional.empty() : Optional.of(where),
          "foresight " + VersionProvider.version());
      models = LogReplay.oneStepErrors(recorded, with);
    } catch (ReplayException e) {
      throw new UserException(e.getMessage());
    } catch (ConfigException e) {
      throw new UserException(e.problems().getFirst().format());
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(JSON.writeValueAsString(json(r, models)));
    } else {
      print(w, r, models);
    }
    w.flush();
    r.stoppedAt().ifPresent(s -> spec.commandLine().getErr().println("foresight: " + file + ": replayed up to tick "
        + r.ticks() + ": " + s));
    return ExitCodes.OK;
  }

  private Map<String, Object> json(LogReplay.Result r, List<LogReplay.ModelError> models) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("file", file.toString());
    j.put("mode", r.check() ? "replayability" : "counterfactual");
    j.put("ticks", r.ticks());
    j.put("recorded_seconds", r.recordedSeconds());
    j.put("max_action_diff", r.maxActionDiff());
    j.put("first_diff_tick", r.firstDiffTick() < 0 ? null : r.firstDiffTick());
    j.put("wall_seconds", r.wallSeconds());
    j.put("speed_x_realtime", r.speedXRealtime());
    j.put("forced_modes", r.forcedModes());
    List<Map<String, Object>> m = new ArrayList<>();
    for (LogReplay.ModelError e : models) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", e.name());
      o.put("role", e.role());
      o.put("transitions", e.transitions());
      o.put("one_step_rmse", e.oneStepRmse());
      m.add(o);
    }
    j.put("models", m);
    j.put("stopped", r.stoppedAt().orElse(null));
    j.put("out", r.out().map(Path::toString).orElse(null));
    return j;
  }

  private void print(PrintWriter w, LogReplay.Result r, List<LogReplay.ModelError> models) {
    w.printf(Locale.ROOT, "%s: %s of %d ticks (%.1f s) in %.2f s, %.0fx real time%n", file,
        r.check() ? "replayability check" : "counterfactual", r.ticks(), r.recordedSeconds(), r.wallSeconds(),
        r.speedXRealtime());
    StringBuilder diffs = new StringBuilder();
    r.maxActionDiff().forEach((k, v) -> diffs.append(diffs.isEmpty() ? "" : ", ").append(k).append(' ')
        .append(String.format(Locale.ROOT, "%.3g", v)));
    if (r.check()) {
      w.printf("  max |replayed - recorded action|: %s%s%n", diffs,
          r.firstDiffTick() < 0 ? " (bit for bit)" : ", first difference at tick " + r.firstDiffTick());
    } else {
      w.printf("  max |other - recorded action|: %s%s%n", diffs,
          r.firstDiffTick() < 0 ? "" : ", from tick " + r.firstDiffTick());
    }
    for (LogReplay.ModelError e : models) {
      StringBuilder b = new StringBuilder();
      e.oneStepRmse().forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
          .append(String.format(Locale.ROOT, "%.3g", v)));
      w.printf("  %s model %s: one-step RMSE %s (%d transitions)%n", e.role(), e.name(), b, e.transitions());
    }
    r.out().ifPresent(p -> w.printf("  -> %s%n", p));
  }
}
