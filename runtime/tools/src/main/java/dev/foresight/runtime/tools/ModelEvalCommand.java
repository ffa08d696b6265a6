package dev.foresight.runtime.tools;

import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.RunSession;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.learn.Evaluation;
import dev.foresight.runtime.learn.LearnException;
import dev.foresight.runtime.learn.RecordedData;
import dev.foresight.runtime.report.EvalReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight model eval}: how well world models predict, and how fast. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate world models (ONNX) on recordings: open-loop (k-step) prediction error per state "
        + "variable for horizons 1..H on the recorded actions, on action sequences the logging policy did not take "
        + "(random, with the truth simulated from the recorded states), ensemble calibration, and the latency of one "
        + "call. Give an fp32 and an int8 model to compare them side by side.",
        "Evaluate on recordings the model was not trained on."})
final class ModelEvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "World model (.onnx), or a folder "
      + "of them; repeatable.")
  List<Path> models;

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Recordings (.mcap) or folders of them.")
  List<Path> data;

  @Option(names = "--horizon", defaultValue = "50", paramLabel = "H", description = "Steps ahead (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--starts", defaultValue = "1000", paramLabel = "N",
      description = "Start states at most, spread over the data (default ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--counterfactual", defaultValue = "200", paramLabel = "N",
      description = "Start states for random action sequences (0: none; default ${DEFAULT-VALUE}).")
  int counterfactual;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the random actions (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--config", paramLabel = "FILE", description = "Robot config with a sim section for the "
      + "counterfactual truth (default: the config stored in the recordings).")
  Path config;

  @Option(names = "--report", paramLabel = "DIR", description = "Write report.md and PNG plots here.")
  Path report;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (horizon < 1 || horizon > 1000) throw new UserException("--horizon must be 1..1000");
    if (starts < 1) throw new UserException("--starts must be at least 1");
    List<Path> files = modelFiles();
    RecordedData recorded = LearningInput.read(data);
    Optional<LoadedConfig> loaded = config == null ? Optional.empty() : Optional.of(ConfigLoader.load(config));
    Evaluation.Report r;
    try {
      r = Evaluation.run(files, recorded, horizon, starts, loaded, counterfactual, seed);
    } catch (LearnException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    Path md = report != null ? EvalReport.write(r, report) : null;
    if (json) {
      o.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json(r)));
    } else {
      LearningInput.notes(recorded, o);
      print(r, o);
      if (md != null) o.println("report: " + RunSession.display(md));
    }
    o.flush();
    return ExitCodes.OK;
  }

  private List<Path> modelFiles() throws IOException {
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

  private static void print(Evaluation.Report r, PrintWriter o) {
    List<String> names = r.data().stateNames();
    o.printf(Locale.ROOT, "foresight: %d model%s on %d ticks (%d segments, %d recording%s); %d start states, horizon %d%n",
        r.models().size(), r.models().size() == 1 ? "" : "s", r.data().ticks(), r.data().segments().size(),
        r.data().files().size(), r.data().files().size() == 1 ? "" : "s", r.starts(), r.horizon());
    int width = Math.max(24, r.models().stream().mapToInt(m -> m.name().length()).max().orElse(0) + 2);
    o.printf(Locale.ROOT, "%-28s", "open-loop RMSE");
    for (Evaluation.ModelResult m : r.models()) o.printf(Locale.ROOT, "%" + width + "s", m.name());
    o.println();
    for (int h : new int[] {1, 10, r.horizon()}) {
      if (h > r.horizon() || (h == r.horizon() && h <= 10)) continue;
      for (int i = 0; i < names.size(); i++) {
        o.printf(Locale.ROOT, "%-28s", "  " + names.get(i) + " at h=" + h);
        for (Evaluation.ModelResult m : r.models()) o.printf(Locale.ROOT, "%" + width + ".4g", m.recorded().rmse(h, i));
        o.println();
      }
    }
    int h10 = Math.min(10, r.horizon());
    if (r.models().stream().anyMatch(m -> m.counterfactual().isPresent())) {
      o.printf(Locale.ROOT, "%-28s%n", "random actions (simulated)");
      for (int i = 0; i < names.size(); i++) {
        o.printf(Locale.ROOT, "%-28s", "  " + names.get(i) + " at h=" + h10);
        int index = i;
        for (Evaluation.ModelResult m : r.models()) {
          o.printf(Locale.ROOT, "%" + width + "s", m.counterfactual()
              .map(c -> String.format(Locale.ROOT, "%.4g", c.rmse(h10, index))).orElse("-"));
        }
        o.println();
      }
    } else {
      o.println("random actions: " + r.counterfactualNote());
    }
    o.printf(Locale.ROOT, "%-28s", "within 1 / 2 sd at h=" + h10);
    for (Evaluation.ModelResult m : r.models()) {
      o.printf(Locale.ROOT, "%" + width + "s", m.members() < 2 ? "single model"
          : String.format(Locale.ROOT, "%.0f%% / %.0f%%", 100 * m.recorded().coverage1(h10), 100 * m.recorded().coverage2(h10)));
    }
    o.println();
    o.printf(Locale.ROOT, "%-28s", "latency batch 1 (median)");
    for (Evaluation.ModelResult m : r.models()) o.printf(Locale.ROOT, "%" + width + "s", String.format(Locale.ROOT, "%.1f us", m.latency().batch1Median()));
    o.println();
    o.printf(Locale.ROOT, "%-28s", "latency batch 256 (median)");
    for (Evaluation.ModelResult m : r.models()) o.printf(Locale.ROOT, "%" + width + "s", String.format(Locale.ROOT, "%.1f us", m.latency().batchMedian()));
    o.println();
    for (Map.Entry<String, String> e : EvalReport.ratios(r, h10).entrySet()) {
      o.printf(Locale.ROOT, "error ratio %s at h=%d: %s%n", e.getKey(), h10, e.getValue());
    }
  }

  private static Map<String, Object> json(Evaluation.Report r) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("data", r.data().files().stream().map(f -> f.file().toString()).toList());
    j.put("data_sha256", r.data().sha256());
    j.put("ticks", r.data().ticks());
    j.put("starts", r.starts());
    j.put("horizon", r.horizon());
    j.put("state_names", r.data().stateNames());
    j.put("counterfactual", r.counterfactualNote());
    List<Map<String, Object>> models = new ArrayList<>();
    for (Evaluation.ModelResult m : r.models()) {
      Map<String, Object> mj = new LinkedHashMap<>();
      mj.put("file", m.file().toString());
      mj.put("quantization", m.metadata().quantization());
      mj.put("trained_on", m.metadata().trainedOn());
      mj.put("bytes", m.bytes());
      mj.put("members", m.members());
      mj.put("rmse", m.recorded().rmse());
      m.counterfactual().ifPresent(c -> mj.put("counterfactual_rmse", c.rmse()));
      if (m.members() > 1) {
        mj.put("coverage_1sd", m.recorded().coverage1());
        mj.put("coverage_2sd", m.recorded().coverage2());
        mj.put("spread", m.recorded().spread());
      }
      mj.put("latency_us", m.latency());
      models.add(mj);
    }
    j.put("models", models);
    return j;
  }
}
