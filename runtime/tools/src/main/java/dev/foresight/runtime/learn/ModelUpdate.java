package dev.foresight.runtime.learn;

import dev.foresight.config.Angles;
import dev.foresight.models.eval.OpenLoop;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.trust.Calibration;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.WorldModelMetadata;
import dev.foresight.runtime.learn.trainer.EnsembleTrainer;
import dev.foresight.runtime.learn.trainer.ProgressListener;
import dev.foresight.runtime.learn.trainer.TrainedEnsemble;
import dev.foresight.runtime.learn.trainer.TrainerSettings;
import dev.foresight.runtime.learn.trainer.Transitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight model update} without the command line: the slow loop. A model trained by
 * {@code model train} is updated with new recordings, without forgetting the regime it was trained
 * on, and a gate says whether the update is better.
 *
 * <p><b>What "update" means here.</b> The exported ONNX file cannot be fine-tuned: its input features
 * are expanded (angles as sine and cosine) and its normalization folded into the weights, and the
 * trainer's own parameters are not kept. So the update <b>retrains</b> an ensemble of the same
 * architecture with the same settings and seed ({@code training.json} beside the model) on the new
 * recordings plus the reservoir of the original training data ({@link Reservoir},
 * {@code <folder>-reservoir.csv}). With the reservoir's 5,000 transitions this takes as long as a
 * training of that size (seconds to a minute on 2 cores).
 *
 * <p><b>The gate</b> holds data out of that training: 20% of the new recordings' episodes (the
 * "held-out new ticks") and 20% of the reservoir's episodes (the original regime; the old model saw
 * them in its training, so this comparison favours the old model). It then compares old and new:
 * <ul>
 *   <li>open-loop RMSE on the held-out new ticks at 1 step and at {@code horizon} steps: the new model
 *       must be better at both (mean over state variables of new / old below 1);
 *   <li>one-step RMSE on the held-out reservoir: at most {@code originalTolerance} worse (mean ratio);
 *   <li>no NaN or infinity in any of the new model's predictions;
 *   <li>closed-loop mean return in the simulator (planning on each model): at most
 *       {@code returnTolerance} x |old| worse.
 * </ul>
 * The verdict is {@code accept} when every check passes, else {@code reject} with each failed check as a
 * reason. The old model is never touched: the new files go to another folder.
 */
public final class ModelUpdate {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * How the update runs and judges.
   *
   * @param horizon            steps of the k-step comparison (the planner's horizon is a good choice)
   * @param holdOutShare       share of episodes held out of training for the gate (new data and reservoir)
   * @param originalTolerance  how much worse (ratio - 1) the new model may be on the original data
   * @param returnTolerance    how much worse (share of |old return|) its closed-loop return may be
   * @param falseAlarmsPerHour the trust monitor's calibration target
   * @param reservoir          capacity of the new model's reservoir
   * @param threads            members trained at once
   */
  public record Settings(int horizon, double holdOutShare, double originalTolerance, double returnTolerance,
      double falseAlarmsPerHour, int reservoir, int threads) {}

  /**
   * One check of the gate.
   *
   * @param name    e.g. {@code new_data_rmse_h1}
   * @param old     the old model's value
   * @param updated the new model's value
   * @param passed  whether the new model passes
   * @param rule    what passing means, for the report
   */
  public record Check(String name, double old, double updated, boolean passed, String rule) {}

  /**
   * What the update produced.
   *
   * @param exports    the new fp32 and int8 files, checked and calibrated
   * @param reservoir  the new model's reservoir
   * @param checks     the gate's checks
   * @param verdict    {@code accept} or {@code reject}
   * @param reasons    why (the failed checks, or that all passed)
   * @param json       the gate report ({@code <out>/update.json})
   * @param text       the same for people ({@code <out>/update.txt})
   */
  public record Result(List<Training.Export> exports, Path reservoir, List<Check> checks, String verdict,
      List<String> reasons, Path json, Path text) {

    /** Whether the gate accepted the new model. */
    public boolean accepted() {
      return verdict.equals("accept");
    }
  }

  private ModelUpdate() {}

  /**
   * Updates {@code model} (a file {@code model train} wrote, with {@code training.json} and the
   * reservoir beside it) with {@code data} into {@code out}.
   *
   * @param closedLoop the mean closed-loop return in the simulator of a model file (higher is better)
   * @throws LearnException (one line) for recordings of another robot or time step (naming both sides),
   *                        a missing reservoir, too few episodes, or {@code out} being the model's folder
   */
  public static Result run(Path model, RecordedData data, Path out, Settings settings, String version,
      ToDoubleFunction<Path> closedLoop, ProgressListener progress) throws IOException, InterruptedException {
    if (!Files.isRegularFile(model)) throw new LearnException(model + ": file not found");
    Path folder = model.toAbsolutePath().getParent();
    if (Files.exists(out) && Files.isSameFile(out, folder)) {
      throw new LearnException("--out " + out + " is the model's own folder; the update writes the new model to "
          + "another folder, so a rejected update leaves the running model untouched");
    }
    WorldModelMetadata meta = metadata(model);
    sameRobot(model + " is a model of", meta.stateNames(), meta.actionNames(), meta.dtS(),
        "the recordings (" + data.files().size() + " file" + (data.files().size() == 1 ? "" : "s") + ") are of",
        data.stateNames(), data.actionNames(), data.dtS());
    Path reservoirFile = Reservoir.beside(folder);
    if (!Files.isRegularFile(reservoirFile)) {
      throw new LearnException(reservoirFile + ": no reservoir of the original training data beside the model; "
          + "model update mixes it in so the old regime is not forgotten (foresight model train writes it, "
          + "--reservoir 5000 by default): retrain the model with model train first");
    }
    Reservoir original = Reservoir.read(reservoirFile);
    Transitions orig = original.transitions();
    sameRobot(model + " is a model of", meta.stateNames(), meta.actionNames(), meta.dtS(),
        "its reservoir " + reservoirFile.getFileName() + " holds", orig.stateNames(), orig.actionNames(),
        original.dtS());
    TrainerSettings trainer = trainerSettings(folder.resolve("training.json"), settings.threads());
    MlpExport.Quantization int8 = int8(folder.resolve("training.json"));

    // The gate's held-out data, split off before training (seeded, whole episodes).
    int segments = data.segments().size();
    if (segments < 2) {
      throw new LearnException("model update holds out whole episodes of the new recordings for its gate, so it "
          + "needs at least 2 episodes (or runs); the recordings have " + segments);
    }
    SplittableRandom random = new SplittableRandom(trainer.seed() ^ 0x5eed_9a7eL);
    Set<Integer> heldNew = pick(range(segments), settings.holdOutShare(), random);
    RecordedData newHeldOut = Training.heldOut(data, heldNew);
    RecordedData newTrain = Training.heldOut(data, complement(segments, heldNew));
    int[] origEpisodes = Arrays.stream(orig.episodes()).distinct().sorted().toArray();
    Set<Integer> heldOrig = origEpisodes.length >= 2 ? pick(origEpisodes, settings.holdOutShare(), random) : Set.of();
    Transitions origHeldOut = heldOrig.isEmpty() ? orig : select(orig, heldOrig, true);
    Transitions origTrain = heldOrig.isEmpty() ? orig : select(orig, heldOrig, false);
    Transitions trainOn = concat(newTrain.transitions(), origTrain);

    TrainedEnsemble ensemble;
    try {
      ensemble = new EnsembleTrainer(trainer).train(trainOn, progress);
    } catch (IllegalArgumentException e) {
      throw new LearnException(e.getMessage());
    }
    Files.createDirectories(out);
    String name = out.toAbsolutePath().getFileName().toString();
    String trainedOn = sha256(data.sha256() + "+" + original.trainedOn());
    WorldModelMetadata newMeta = new WorldModelMetadata(WorldModelMetadata.FORMAT, data.stateNames(),
        data.actionNames(), data.dtS(), "fp32", trainedOn, version);
    List<Training.Export> exports = new ArrayList<>();
    Path comparable = null;
    for (MlpExport.Quantization q : List.of(MlpExport.Quantization.FP32, int8)) {
      Path file = out.resolve(name + "-" + q.id() + ".onnx");
      Files.write(file, ensemble.export(newMeta, q).toByteArray());
      double error = Training.maxAbsError(file, ensemble, trainOn, data.dtS());
      OnnxChecker.Result checker = OnnxChecker.check(file);
      Optional<Calibration> calibration = Optional.empty();
      Optional<String> why = Optional.empty();
      long start = System.nanoTime();
      try {
        calibration = Optional.of(Calibrations.calibrate(file, newHeldOut, settings.falseAlarmsPerHour()));
      } catch (LearnException e) {
        why = Optional.of(e.getMessage());
      }
      exports.add(new Training.Export(file, q.id(), Files.size(file), error, checker, calibration, why,
          (System.nanoTime() - start) * 1e-9));
      if (q.id().equals(meta.quantization())) comparable = file;
    }
    if (comparable == null) comparable = exports.getFirst().file();
    Path newReservoir = Reservoir.beside(out.toAbsolutePath());
    Reservoir.sample(trainOn, data.dtS(), trainedOn, settings.reservoir(), trainer.seed()).write(newReservoir);

    List<Check> checks = gate(model, comparable, newHeldOut, origHeldOut, settings, closedLoop);
    List<String> reasons = new ArrayList<>();
    for (Check c : checks) if (!c.passed()) reasons.add(c.name() + ": " + describe(c));
    String verdict = reasons.isEmpty() ? "accept" : "reject";
    if (reasons.isEmpty()) reasons.add("every check passed");

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("verdict", verdict);
    report.put("reasons", reasons);
    report.put("old_model", model.toString());
    report.put("new_model", comparable.toString());
    report.put("created_by", version);
    report.put("trained_on", trainedOn);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("new_episodes", segments);
    d.put("new_episodes_held_out", heldNew.size());
    d.put("new_transitions_trained_on", newTrain.transitions().count());
    d.put("reservoir", reservoirFile.toString());
    d.put("reservoir_transitions", orig.count());
    d.put("reservoir_held_out", origHeldOut.count());
    d.put("reservoir_trained_on", origTrain.count());
    report.put("data", d);
    List<Map<String, Object>> cs = new ArrayList<>();
    for (Check c : checks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("old", finiteOrNull(c.old()));
      m.put("new", finiteOrNull(c.updated()));
      m.put("passed", c.passed());
      m.put("rule", c.rule());
      cs.add(m);
    }
    report.put("checks", cs);
    List<Map<String, Object>> ex = new ArrayList<>();
    for (Training.Export e : exports) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", e.file().getFileName().toString());
      m.put("quantization", e.quantization());
      m.put("bytes", e.bytes());
      m.put("max_abs_error_vs_java", e.maxAbsError());
      m.put("onnx_checker", e.checker().describe());
      m.put("calibration", e.calibration().map(Calibration::toMetadata).orElse(null));
      m.put("uncalibrated", e.uncalibrated().orElse(null));
      ex.add(m);
    }
    report.put("exports", ex);
    report.put("reservoir", newReservoir.getFileName().toString());
    Path json = out.resolve("update.json");
    Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    Path text = out.resolve("update.txt");
    Files.writeString(text, text(model, comparable, verdict, reasons, checks, heldNew.size(), segments,
        origHeldOut.count()));
    return new Result(List.copyOf(exports), newReservoir, List.copyOf(checks), verdict, List.copyOf(reasons), json,
        text);
  }

  /**
   * The gate's checks, old model against new, in order: {@code new_data_rmse_h1},
   * {@code new_data_rmse_h<H>}, {@code original_data_rmse_h1}, {@code no_nan}, {@code closed_loop_return}
   * ({@code closedLoop} is called for the old model first).
   */
  public static List<Check> gate(Path old, Path updated, RecordedData newHeldOut, Transitions origHeldOut, Settings s,
      ToDoubleFunction<Path> closedLoop) {
    int h = s.horizon();
    OpenLoop.Result a = Evaluation.openLoop(old, newHeldOut, h, 2000);
    OpenLoop.Result b = Evaluation.openLoop(updated, newHeldOut, h, 2000);
    List<Check> checks = new ArrayList<>();
    checks.add(better("new_data_rmse_h1", a, b, 1));
    checks.add(better("new_data_rmse_h" + h, a, b, h));
    double[] oldOrig = oneStepRmse(old, origHeldOut);
    double[] newOrig = oneStepRmse(updated, origHeldOut);
    double ratio = ratio(oldOrig, newOrig);
    checks.add(new Check("original_data_rmse_h1", mean(oldOrig), mean(newOrig),
        ratio <= 1 + s.originalTolerance(), String.format(Locale.ROOT,
            "one-step RMSE on the held-out reservoir, mean over variables of new / old (%.3f) at most %.2f",
            ratio, 1 + s.originalTolerance())));
    boolean finite = allFinite(b) && allFinite(newOrig);
    checks.add(new Check("no_nan", Double.NaN, finite ? 0 : 1, finite, "no NaN or infinity in the new model's "
        + "predictions on the held-out data"));
    double oldReturn = closedLoop.applyAsDouble(old);
    double newReturn = closedLoop.applyAsDouble(updated);
    double floor = oldReturn - s.returnTolerance() * Math.abs(oldReturn);
    checks.add(new Check("closed_loop_return", oldReturn, newReturn, newReturn >= floor, String.format(Locale.ROOT,
        "mean closed-loop return in the simulator at least old - %.0f%% x |old| (%.2f)", 100 * s.returnTolerance(),
        floor)));
    return checks;
  }

  private static Check better(String name, OpenLoop.Result old, OpenLoop.Result updated, int h) {
    int n = old.stateNames().size();
    double[] o = new double[n];
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      o[i] = old.rmse(h, i);
      u[i] = updated.rmse(h, i);
    }
    double r = ratio(o, u);
    return new Check(name, mean(o), mean(u), r < 1, String.format(Locale.ROOT,
        "open-loop RMSE at %d step%s on the held-out new ticks, mean over variables of new / old (%.3f) below 1",
        h, h == 1 ? "" : "s", r));
  }

  /** Mean over variables of updated / old (a variable the old model predicts exactly counts as 1 when both are 0). */
  private static double ratio(double[] old, double[] updated) {
    double sum = 0;
    for (int i = 0; i < old.length; i++) {
      double r = old[i] > 0 ? updated[i] / old[i] : updated[i] > 0 ? Double.POSITIVE_INFINITY : 1;
      sum += Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }
    return sum / old.length;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private static boolean allFinite(OpenLoop.Result r) {
    for (double[] row : r.rmse()) for (double v : row) if (!Double.isFinite(v)) return false;
    return true;
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) if (!Double.isFinite(x)) return false;
    return true;
  }

  /** One-step RMSE per state variable of {@code file} on transitions (angles the short way). */
  static double[] oneStepRmse(Path file, Transitions t) {
    int s = t.stateSize();
    int a = t.actionSize();
    int n = t.count();
    float[] x = new float[n * s];
    float[] u = new float[n * a];
    float[] next = new float[n * s];
    for (int i = 0; i < n * s; i++) x[i] = (float) t.states()[i];
    for (int i = 0; i < n * a; i++) u[i] = (float) t.actions()[i];
    try (ModelSession session = ModelSession.open(file, SessionSettings.DEFAULT);
         OnnxWorldModel model = new OnnxWorldModel(session, n)) {
      model.step(x, u, next, null);
    } catch (ModelException e) {
      throw new LearnException(e.getMessage());
    }
    double[] sum = new double[s];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < s; j++) {
        double e = next[r * s + j] - t.next()[r * s + j];
        if (t.wrapped()[j]) e = Angles.wrap(e);
        sum[j] += e * e;
      }
    }
    for (int j = 0; j < s; j++) sum[j] = Math.sqrt(sum[j] / n);
    return sum;
  }

  private static String describe(Check c) {
    return String.format(Locale.ROOT, "old %s, new %s; needs %s", num(c.old()), num(c.updated()), c.rule());
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static Object finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String text(Path old, Path updated, String verdict, List<String> reasons, List<Check> checks,
      int heldNew, int segments, int heldOrig) {
    StringBuilder b = new StringBuilder();
    b.append("model update gate: ").append(verdict).append('\n');
    b.append("  old ").append(old).append('\n');
    b.append("  new ").append(updated).append('\n');
    b.append(String.format(Locale.ROOT, "  held out of training: %d of %d new episodes, %d reservoir transitions%n",
        heldNew, segments, heldOrig));
    b.append(String.format(Locale.ROOT, "  %-24s %12s %12s  %s%n", "check", "old", "new", "result"));
    for (Check c : checks) {
      b.append(String.format(Locale.ROOT, "  %-24s %12s %12s  %s  (%s)%n", c.name(), num(c.old()), num(c.updated()),
          c.passed() ? "pass" : "FAIL", c.rule()));
    }
    b.append(verdict.equals("accept") ? "accept: " : "reject: ").append(String.join("; ", reasons)).append('\n');
    return b.toString();
  }

  /** One line naming both sides when the variables or the time step differ. */
  static void sameRobot(String left, List<String> states, List<String> actions, double dtS, String right,
      List<String> otherStates, List<String> otherActions, double otherDtS) {
    boolean sameDt = Math.abs(dtS - otherDtS) <= 1e-9 * Math.max(1, Math.abs(dtS));
    if (states.equals(otherStates) && actions.equals(otherActions) && sameDt) return;
    throw new LearnException(String.format(Locale.ROOT, "%s state %s, action %s at dt %s s, but %s state %s, action "
            + "%s at dt %s s: update a model with recordings of its own robot at its own rate", left, states, actions,
        trim(dtS), right, otherStates, otherActions, trim(otherDtS)));
  }

  /** Shortest decimal text of a double: 0.05, not 0.05000000000000000277. */
  private static String trim(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** The model file's contract metadata (names, dt, quantization), one line on a problem. */
  static WorldModelMetadata metadata(Path model) {
    try (ModelSession session = ModelSession.open(model, SessionSettings.DEFAULT)) {
      Map<String, String> m = session.metadata();
      for (String key : WorldModelMetadata.REQUIRED) {
        if (!m.containsKey(key)) throw new LearnException(model + ": the metadata has no " + key + "; not a Foresight "
            + "world model");
      }
      double dt;
      try {
        dt = Double.parseDouble(m.get(WorldModelMetadata.KEY_DT));
      } catch (NumberFormatException e) {
        throw new LearnException(model + ": " + WorldModelMetadata.KEY_DT + " '" + m.get(WorldModelMetadata.KEY_DT)
            + "' is not a number");
      }
      return new WorldModelMetadata(WorldModelMetadata.FORMAT, names(m.get(WorldModelMetadata.KEY_STATE_NAMES)),
          names(m.get(WorldModelMetadata.KEY_ACTION_NAMES)), dt, m.get(WorldModelMetadata.KEY_QUANTIZATION),
          m.getOrDefault(WorldModelMetadata.KEY_TRAINED_ON, ""), m.getOrDefault(WorldModelMetadata.KEY_CREATED_BY, ""));
    } catch (ModelException e) {
      throw new LearnException(e.getMessage());
    }
  }

  private static List<String> names(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  /** The settings {@code model train} recorded in training.json, so the retrained model has the same architecture and seed. */
  static TrainerSettings trainerSettings(Path trainingJson, int threads) throws IOException {
    JsonNode s = settingsNode(trainingJson);
    JsonNode hidden = s.get("hidden");
    int[] widths = new int[hidden.size()];
    for (int i = 0; i < widths.length; i++) widths[i] = hidden.get(i).asInt();
    return new TrainerSettings(s.get("ensemble").asInt(), widths, s.get("batch_size").asInt(),
        s.get("learning_rate").asDouble(), s.get("weight_decay").asDouble(), s.get("max_epochs").asInt(),
        s.get("patience").asInt(), s.get("validation_share").asDouble(), threads, s.get("seed").asLong());
  }

  private static MlpExport.Quantization int8(Path trainingJson) throws IOException {
    JsonNode v = settingsNode(trainingJson).get("int8");
    return v != null && v.asString().equals("int8_weights") ? MlpExport.Quantization.INT8_WEIGHTS
        : MlpExport.Quantization.INT8;
  }

  private static JsonNode settingsNode(Path trainingJson) throws IOException {
    if (!Files.isRegularFile(trainingJson)) {
      throw new LearnException(trainingJson + ": not found; model update retrains with the settings model train "
          + "recorded there (architecture, seed)");
    }
    JsonNode s = JSON.readTree(Files.readString(trainingJson)).get("settings");
    for (String key : List.of("ensemble", "hidden", "batch_size", "learning_rate", "weight_decay", "max_epochs",
        "patience", "validation_share", "seed")) {
      if (s == null || s.get(key) == null) throw new LearnException(trainingJson + ": settings." + key + " is missing");
    }
    return s;
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) r[i] = i;
    return r;
  }

  /** A seeded share of {@code ids} (at least one, never all). */
  private static Set<Integer> pick(int[] ids, double share, SplittableRandom random) {
    int[] shuffled = ids.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int n = Math.min(ids.length - 1, Math.max(1, (int) Math.round(share * ids.length)));
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i < n; i++) out.add(shuffled[i]);
    return out;
  }

  private static Set<Integer> complement(int n, Set<Integer> held) {
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i < n; i++) if (!held.contains(i)) out.add(i);
    return out;
  }

  /** The rows of {@code t} whose episode is (or, {@code in} false, is not) in {@code episodes}. */
  private static Transitions select(Transitions t, Set<Integer> episodes, boolean in) {
    int[] rows = java.util.stream.IntStream.range(0, t.count()).filter(r -> episodes.contains(t.episodes()[r]) == in)
        .toArray();
    return Reservoir.rows(t, rows);
  }

  /** {@code a} then {@code b}, b's episode ids moved past a's so episodes stay distinct. */
  static Transitions concat(Transitions a, Transitions b) {
    int offset = Arrays.stream(a.episodes()).max().orElse(-1) + 1;
    int[] episodes = new int[a.count() + b.count()];
    System.arraycopy(a.episodes(), 0, episodes, 0, a.count());
    for (int i = 0; i < b.count(); i++) episodes[a.count() + i] = offset + b.episodes()[i];
    return new Transitions(a.stateNames(), a.actionNames(), a.wrapped(), join(a.states(), b.states()),
        join(a.actions(), b.actions()), join(a.next(), b.next()), episodes);
  }

  private static double[] join(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
