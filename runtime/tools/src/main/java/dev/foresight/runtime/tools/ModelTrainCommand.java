package dev.foresight.runtime.tools;

import dev.foresight.config.ConfigLoader;
import dev.foresight.models.world.MlpExport;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.RunSession;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.cli.VersionProvider;
import dev.foresight.runtime.learn.LearnException;
import dev.foresight.runtime.learn.RecordedData;
import dev.foresight.runtime.learn.Training;
import dev.foresight.runtime.learn.trainer.TrainedEnsemble;
import dev.foresight.runtime.learn.trainer.TrainerSettings;
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
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight model train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train an ensemble of MLP world models on recordings (state and applied action channels), in "
        + "Java on the CPU, and export it as <out>/<name>-fp32.onnx and <name>-int8.onnx meeting the world-model "
        + "contract, with <out>/training.json.",
        "Whole episodes (or runs) are held out for validation; training stops early when the validation loss "
            + "stops improving; the same seed gives the same files. Each exported file is checked in ONNX Runtime "
            + "against the Java forward pass and with the standard ONNX checker (python3-onnx, when installed)."})
public final class ModelTrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Recordings (.mcap) or folders of them.")
  List<Path> data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the model, e.g. models/pendulum.")
  Path out;

  @Option(names = "--config", paramLabel = "FILE", description = "Robot config the model is for: the recordings' "
      + "variables and rate must match it.")
  Path config;

  @Option(names = "--ensemble", defaultValue = "5", paramLabel = "N", description = "Members (default ${DEFAULT-VALUE}).")
  int ensemble;

  @Option(names = "--hidden", defaultValue = "64,64", split = ",", paramLabel = "W",
      description = "Hidden layer widths (default ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--epochs", defaultValue = "200", paramLabel = "N", description = "Epochs at most (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--patience", defaultValue = "20", paramLabel = "N",
      description = "Stop after this many epochs without a better validation loss (default ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--batch", defaultValue = "256", paramLabel = "N", description = "Minibatch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.001", paramLabel = "X", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--threads", paramLabel = "N", description = "Members trained at once (default: the CPU count).")
  Integer threads;

  @Option(names = "--int8", defaultValue = "dynamic", paramLabel = "SCHEME",
      description = "int8 export: dynamic (int8 weights, activations quantized per call) or weights (int8 weights, "
          + "float products) (default ${DEFAULT-VALUE}).")
  String int8;

  @Option(names = "--false-alarms-per-hour", defaultValue = "0.1", paramLabel = "X",
      description = "False-alarm rate the exported models' trust monitor is calibrated for, on the episodes held "
          + "out for early stopping (default ${DEFAULT-VALUE}: one per 10 hours, the trust config's default).")
  double falseAlarmsPerHour;

  @Option(names = "--reservoir", defaultValue = "5000", paramLabel = "N",
      description = "Keep a uniform sample of at most N training transitions beside the model "
          + "(<out>/<name>-reservoir.csv), mixed into later fine-tuning (model update) so the old regime is not "
          + "forgotten; 0: none (default ${DEFAULT-VALUE}).")
  int reservoir;

  @Option(names = "--json", description = "No progress bar; print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (ensemble < 1 || ensemble > 64) throw new UserException("--ensemble must be 1..64");
    for (int h : hidden) if (h < 1 || h > 4096) throw new UserException("--hidden widths must be 1..4096");
    if (epochs < 1) throw new UserException("--epochs must be at least 1");
    if (batch < 8) throw new UserException("--batch must be at least 8");
    if (!(learningRate > 0 && learningRate < 1)) throw new UserException("--lr must be in (0, 1)");
    if (reservoir < 0 || reservoir > 10_000_000) throw new UserException("--reservoir must be 0..10000000");
    if (!(falseAlarmsPerHour > 0 && falseAlarmsPerHour <= 3600)) {
      throw new UserException("--false-alarms-per-hour: " + falseAlarmsPerHour + " is out of range (above 0, at most "
          + "3600)");
    }
    MlpExport.Quantization q = switch (int8) {
      case "dynamic" -> MlpExport.Quantization.INT8;
      case "weights" -> MlpExport.Quantization.INT8_WEIGHTS;
      default -> throw new UserException("--int8 " + int8 + ": use dynamic or weights");
    };
    RecordedData recorded = LearningInput.read(data);
    if (config != null) LearningInput.matches(recorded, ConfigLoader.load(config).config(), config);
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    TrainerSettings settings = new TrainerSettings(ensemble, hidden, batch, learningRate, 1e-5, epochs, patience, 0.2,
        threads != null ? Math.max(1, threads) : cores, seed);
    PrintWriter o = spec.commandLine().getOut();
    var transitions = recorded.transitions();
    if (!json) {
      o.printf(Locale.ROOT, "foresight: training %d x %s on %d transitions (%d segments, %d recording%s), seed %d, "
              + "%d thread%s%n", ensemble, java.util.Arrays.toString(hidden), transitions.count(),
          transitions.episodeCount(), recorded.files().size(), recorded.files().size() == 1 ? "" : "s", seed,
          Math.min(settings.threads(), ensemble), Math.min(settings.threads(), ensemble) == 1 ? "" : "s");
      LearningInput.notes(recorded, o);
      o.flush();
    }
    Training.Result r;
    try {
      r = Training.run(recorded, out, settings, q, "foresight " + VersionProvider.version(), falseAlarmsPerHour, reservoir,
          json ? dev.foresight.runtime.learn.trainer.ProgressListener.NONE : new TrainingProgress(o, ensemble));
    } catch (LearnException e) {
      throw new UserException(e.getMessage());
    }
    if (json) {
      o.println(JSON.writeValueAsString(JSON.readTree(Files.readString(r.report()))));
    } else {
      print(r, o);
    }
    o.flush();
    boolean failed = r.exports().stream().anyMatch(e -> e.checker().verdict()
        == dev.foresight.runtime.learn.OnnxChecker.Verdict.FAILED);
    return failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private void print(Training.Result r, PrintWriter o) {
    StringBuilder losses = new StringBuilder();
    for (TrainedEnsemble.MemberResult m : r.ensemble().members()) {
      losses.append(String.format(Locale.ROOT, " %.3g (epoch %d)", m.validationLoss(), m.bestEpoch()));
    }
    o.printf(Locale.ROOT, "trained in %.1f s; validation loss (normalized MSE) per member:%s%n", r.seconds(), losses);
    for (Training.Export e : r.exports()) {
      o.printf(Locale.ROOT, "%s  %s  %.1f kB  max |onnx runtime - java| %.2g  onnx checker %s%n",
          RunSession.display(e.file()), e.quantization(), e.bytes() / 1000.0, e.maxAbsError(), e.checker().describe());
      if (e.calibration().isPresent()) {
        var c = e.calibration().get();
        o.printf(Locale.ROOT, "  trust monitor calibrated on %d held-out ticks for %s false alarms per hour: CUSUM "
            + "threshold h %.4g%n", c.heldOutTicks(), c.falseAlarmsPerHour(), c.h());
      } else {
        o.printf("  warning: uncalibrated, the trust monitor stays off with this model (%s); calibrate it with "
            + "foresight model calibrate --model %s --data <held-out recordings>%n",
            e.uncalibrated().orElse("?"), RunSession.display(e.file()));
      }
    }
    r.reservoir().ifPresent(f -> o.printf(Locale.ROOT, "%s  (%d of %d transitions, for fine-tuning)%n",
        RunSession.display(f), Math.min(r.count(), reservoir), r.count()));
    o.printf("%s  (foresight.trained_on %s)%n", RunSession.display(r.report()), r.data().sha256());
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
}
