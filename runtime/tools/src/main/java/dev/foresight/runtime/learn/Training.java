package dev.foresight.runtime.learn;

import dev.foresight.config.Angles;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.trust.Calibration;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.WorldModelContract;
import dev.foresight.models.world.WorldModelMetadata;
import dev.foresight.runtime.learn.trainer.EnsembleTrainer;
import dev.foresight.runtime.learn.trainer.ProgressListener;
import dev.foresight.runtime.learn.trainer.TrainedEnsemble;
import dev.foresight.runtime.learn.trainer.TrainerSettings;
import dev.foresight.runtime.learn.trainer.Transitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight model train} without the command line: recordings in, a trained ensemble out as
 * fp32 and int8 ONNX files meeting the world-model contract, each checked against the Java forward
 * pass in ONNX Runtime (largest absolute difference of {@code next_state}) and with the standard
 * ONNX checker, plus {@code training.json} describing data, settings and results.
 *
 * <pre>{@code
 * Training.Result r = Training.run(List.of(Path.of("data")), Path.of("models/pendulum"),
 *     TrainerSettings.defaults(1), MlpExport.Quantization.INT8, "foresight 0.1.0", ProgressListener.NONE);
 * }</pre>
 */
public final class Training {

  /**
   * One exported file and how it checked out.
   *
   * @param file         the ONNX file
   * @param quantization fp32 or int8
   * @param bytes        file size
   * @param maxAbsError  largest |ONNX Runtime - Java| over the check inputs (angles the short way)
   * @param checker      what the standard ONNX checker said
   * @param calibration  the trust monitor's calibration written into the file, on the episodes held
   *                     out for early stopping; empty when the held-out data could not calibrate it
   * @param uncalibrated why not (one line), or empty
   * @param calibrationSeconds wall time of the calibration
   */
  public record Export(Path file, String quantization, long bytes, double maxAbsError, OnnxChecker.Result checker,
      Optional<Calibration> calibration, Optional<String> uncalibrated, double calibrationSeconds) {}

  /**
   * What training produced.
   *
   * @param data     the recordings read
   * @param count    transitions trained on (training and validation)
   * @param ensemble the trained ensemble
   * @param exports  fp32 then int8
   * @param report   training.json
   * @param reservoir the sample of the training transitions written beside the models, if any
   * @param seconds  wall time of the training itself
   */
  public record Result(RecordedData data, int count, TrainedEnsemble ensemble, List<Export> exports, Path report,
      Optional<Path> reservoir, double seconds) {}

  private Training() {}

  /**
   * Trains on {@code data} and writes {@code <out>/<name>-fp32.onnx}, {@code <name>-int8.onnx} and
   * {@code training.json}, where name is {@code out}'s file name. Each file is calibrated for
   * {@code falseAlarmsPerHour} on the episodes held out for early stopping ({@link Calibrations}); when
   * they cannot calibrate it (too few ticks, a held-out episode that alarms) the file is exported
   * uncalibrated and the export says why. With {@code reservoir > 0}, a uniform sample of at most that
   * many training transitions is written to {@code <name>-reservoir.csv} ({@link Reservoir}).
   */
  public static Result run(RecordedData data, Path out, TrainerSettings settings, MlpExport.Quantization int8,
      String version, double falseAlarmsPerHour, int reservoir, ProgressListener progress)
      throws IOException, InterruptedException {
    Transitions transitions = data.transitions();
    if (transitions.episodeCount() < 2) {
      throw new LearnException("training holds out whole episodes for validation, so it needs at least 2 episodes "
          + "(or runs); the data has " + transitions.episodeCount());
    }
    long start = System.nanoTime();
    TrainedEnsemble ensemble;
    try {
      ensemble = new EnsembleTrainer(settings).train(transitions, progress);
    } catch (IllegalArgumentException e) {
      throw new LearnException(e.getMessage());
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    Files.createDirectories(out);
    String name = out.getFileName().toString();
    WorldModelMetadata meta = new WorldModelMetadata(WorldModelMetadata.FORMAT, data.stateNames(), data.actionNames(),
        data.dtS(), "fp32", data.sha256(), version);
    RecordedData heldOut = heldOut(data, EnsembleTrainer.heldOutEpisodes(transitions, settings));
    List<Export> exports = new ArrayList<>();
    for (MlpExport.Quantization q : List.of(MlpExport.Quantization.FP32, int8)) {
      Path file = out.resolve(name + "-" + q.id() + ".onnx");
      Files.write(file, ensemble.export(meta, q).toByteArray());
      double error = maxAbsError(file, ensemble, transitions, data.dtS());
      OnnxChecker.Result checker = OnnxChecker.check(file);
      Optional<Calibration> calibration = Optional.empty();
      Optional<String> why = Optional.empty();
      long calibrationStart = System.nanoTime();
      try {
        calibration = Optional.of(Calibrations.calibrate(file, heldOut, falseAlarmsPerHour));
      } catch (LearnException e) {
        why = Optional.of(e.getMessage());
      }
      exports.add(new Export(file, q.id(), Files.size(file), error, checker, calibration, why,
          (System.nanoTime() - calibrationStart) * 1e-9));
    }
    Optional<Path> sample = Optional.empty();
    if (reservoir > 0) {
      Path file = Reservoir.beside(out);
      Reservoir.sample(transitions, data.dtS(), data.sha256(), reservoir, settings.seed()).write(file);
      sample = Optional.of(file);
    }
    Path report = out.resolve("training.json");
    Map<String, Object> json = report(data, transitions, settings, int8, ensemble, exports, seconds, version);
    json.put("reservoir", sample.map(f -> Map.<String, Object>of("file", f.getFileName().toString(),
        "transitions", Math.min(reservoir, transitions.count()), "capacity", reservoir)).orElse(null));
    Files.writeString(report, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    return new Result(data, transitions.count(), ensemble, exports, report, sample, seconds);
  }

  /**
   * The segments of {@code data} whose episode ids (as {@link RecordedData#transitions()} numbers
   * them: one per segment, in order) are in {@code episodes}.
   */
  static RecordedData heldOut(RecordedData data, Set<Integer> episodes) {
    List<RecordedData.Segment> kept = new ArrayList<>();
    for (int i = 0; i < data.segments().size(); i++) if (episodes.contains(i)) kept.add(data.segments().get(i));
    return new RecordedData(data.stateNames(), data.actionNames(), data.wrapped(), data.periodNs(), List.copyOf(kept),
        data.files(), data.sha256());
  }

  /**
   * Runs the file in ONNX Runtime on up to 1024 recorded (state, action) pairs plus 64 drawn from
   * twice the data's range (out-of-distribution inputs must not break the graph either) and returns
   * the largest difference from the Java ensemble's prediction.
   */
  static double maxAbsError(Path file, TrainedEnsemble ensemble, Transitions data, double dtS) {
    int s = data.stateSize();
    int a = data.actionSize();
    SplittableRandom random = new SplittableRandom(7);
    int fromData = Math.min(1024, data.count());
    int n = fromData + 64;
    float[] states = new float[n * s];
    float[] actions = new float[n * a];
    double[] lo = new double[s + a];
    double[] hi = new double[s + a];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < data.count(); i++) {
      for (int j = 0; j < s; j++) {
        lo[j] = Math.min(lo[j], data.states()[i * s + j]);
        hi[j] = Math.max(hi[j], data.states()[i * s + j]);
      }
      for (int j = 0; j < a; j++) {
        lo[s + j] = Math.min(lo[s + j], data.actions()[i * a + j]);
        hi[s + j] = Math.max(hi[s + j], data.actions()[i * a + j]);
      }
    }
    for (int r = 0; r < n; r++) {
      if (r < fromData) {
        int i = random.nextInt(data.count());
        for (int j = 0; j < s; j++) states[r * s + j] = (float) data.states()[i * s + j];
        for (int j = 0; j < a; j++) actions[r * a + j] = (float) data.actions()[i * a + j];
      } else {
        for (int j = 0; j < s + a; j++) {
          double mid = (lo[j] + hi[j]) / 2;
          double half = Math.max(1e-3, hi[j] - lo[j]);
          float v = (float) random.nextDouble(mid - half, mid + half);
          if (j < s) states[r * s + j] = v;
          else actions[r * a + j - s] = v;
        }
      }
    }
    float[] next = new float[n * s];
    try (ModelSession session = ModelSession.open(file, SessionSettings.DEFAULT)) {
      WorldModelContract.check(session, data.stateNames(), data.actionNames(), dtS);
      try (OnnxWorldModel model = new OnnxWorldModel(session, n)) {
        model.step(states, actions, next, null);
      }
    }
    double worst = 0;
    double[] x = new double[s];
    double[] u = new double[a];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < s; j++) x[j] = states[r * s + j];
      for (int j = 0; j < a; j++) u[j] = actions[r * a + j];
      double[] want = ensemble.predict(x, u);
      for (int j = 0; j < s; j++) {
        double e = next[r * s + j] - want[j];
        if (data.wrapped()[j]) e = Angles.wrap(e);
        worst = Math.max(worst, Math.abs(e));
      }
    }
    return worst;
  }

  private static Map<String, Object> report(RecordedData data, Transitions t, TrainerSettings settings,
      MlpExport.Quantization int8, TrainedEnsemble ensemble, List<Export> exports, double seconds, String version) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("created_by", version);
    r.put("trained_on", data.sha256());
    r.put("state_names", data.stateNames());
    r.put("action_names", data.actionNames());
    r.put("dt_s", data.dtS());
    List<Map<String, Object>> files = new ArrayList<>();
    for (RecordedData.FileReport f : data.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", f.file().getFileName().toString());
      m.put("ticks", f.ticks());
      m.put("episodes", f.episodes());
      m.put("gaps", f.gaps());
      m.put("non_finite_dropped", f.nonFinite());
      m.put("damage", f.damage().orElse(null));
      files.add(m);
    }
    r.put("data", files);
    r.put("transitions", t.count());
    r.put("segments", t.episodeCount());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("ensemble", settings.ensemble());
    s.put("hidden", settings.hidden());
    s.put("batch_size", settings.batchSize());
    s.put("learning_rate", settings.learningRate());
    s.put("weight_decay", settings.weightDecay());
    s.put("max_epochs", settings.maxEpochs());
    s.put("patience", settings.patience());
    s.put("validation_share", settings.validationShare());
    s.put("seed", settings.seed());
    s.put("int8", int8.name().toLowerCase(java.util.Locale.ROOT));
    r.put("settings", s);
    r.put("seconds", seconds);
    List<Map<String, Object>> members = new ArrayList<>();
    for (TrainedEnsemble.MemberResult m : ensemble.members()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("best_epoch", m.bestEpoch());
      j.put("epochs", m.epochs());
      j.put("train_loss", m.trainLoss());
      j.put("validation_loss", m.validationLoss());
      members.add(j);
    }
    r.put("members", members);
    List<Map<String, Object>> ex = new ArrayList<>();
    for (Export e : exports) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("file", e.file().getFileName().toString());
      j.put("quantization", e.quantization());
      j.put("bytes", e.bytes());
      j.put("max_abs_error_vs_java", e.maxAbsError());
      j.put("onnx_checker", e.checker().describe());
      j.put("calibration", e.calibration().map(Calibration::toMetadata).orElse(null));
      j.put("uncalibrated", e.uncalibrated().orElse(null));
      j.put("calibration_seconds", e.calibrationSeconds());
      ex.add(j);
    }
    r.put("exports", ex);
    return r;
  }
}
