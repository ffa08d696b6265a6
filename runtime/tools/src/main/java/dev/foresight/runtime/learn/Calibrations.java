package dev.foresight.runtime.learn;

import dev.foresight.config.Angles;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelMetadataFile;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.trust.Calibration;
import dev.foresight.models.trust.CalibrationException;
import dev.foresight.models.trust.Calibrator;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.WorldModelContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibrating a world model file on recordings it was not trained on: its one-step residuals (and
 * its ensemble's spread) tick by tick, episode by episode, calibrated by the {@link Calibrator} and
 * written into the file's {@code foresight.monitor.*} metadata.
 *
 * <pre>{@code
 * Calibration c = Calibrations.calibrate(Path.of("models/pendulum/pendulum-int8.onnx"), heldOut, 0.1);
 * }</pre>
 */
public final class Calibrations {

  private Calibrations() {}

  /**
   * Calibrates {@code file} on {@code data} for a false-alarm rate and writes the calibration into it.
   *
   * @throws LearnException (one line) when the model does not match the data, cannot be run, or the
   *                        data cannot calibrate it (the reason from the calibrator)
   */
  public static Calibration calibrate(Path file, RecordedData data, double falseAlarmsPerHour) {
    Calibration c = measure(file, data, falseAlarmsPerHour, Calibrator.Settings.defaults(falseAlarmsPerHour,
        1e9 / data.periodNs()));
    try {
      ModelMetadataFile.update(file, c.toMetadata(), Calibration.PREFIX);
    } catch (IOException e) {
      throw new LearnException(file + ": cannot write the calibration (" + e.getMessage() + ")");
    }
    return c;
  }

  /** Measures the calibration of {@code file} on {@code data} without writing it. */
  public static Calibration measure(Path file, RecordedData data, double falseAlarmsPerHour, Calibrator.Settings s) {
    if (!Files.isRegularFile(file)) throw new LearnException(file + ": file not found");
    try (ModelSession session = ModelSession.open(file, SessionSettings.DEFAULT)) {
      Evaluation.sameVariables(file, session, "state", data.stateNames());
      Evaluation.sameVariables(file, session, "action", data.actionNames());
      WorldModelContract.check(session, data.stateNames(), data.actionNames(), data.dtS());
      List<Calibrator.Episode> episodes = residuals(session, data);
      try {
        return Calibrator.calibrate(data.stateNames(), episodes, s);
      } catch (CalibrationException e) {
        long ticks = data.segments().stream().mapToLong(g -> g.ticks(data.stateNames().size())).sum();
        throw new LearnException(file + ": cannot calibrate on " + ticks + " recorded ticks: " + e.getMessage());
      }
    } catch (ModelException e) {
      throw new LearnException(e.getMessage());
    }
  }

  /** The model's one-step residuals on every consecutive pair of ticks, per recorded segment. */
  static List<Calibrator.Episode> residuals(ModelSession session, RecordedData data) {
    int n = data.stateNames().size();
    int a = data.actionNames().size();
    boolean[] wrapped = data.wrapped();
    List<Calibrator.Episode> out = new ArrayList<>();
    try (OnnxWorldModel model = new OnnxWorldModel(session, 1)) {
      int e = model.members();
      float[] x = new float[n];
      float[] u = new float[a];
      float[] next = new float[n];
      float[] members = e > 1 ? new float[e * n] : null;
      for (RecordedData.Segment seg : data.segments()) {
        int ticks = seg.ticks(n);
        if (ticks < 2) continue;
        double[][] innovation = new double[ticks - 1][n];
        double[][] spread = members != null ? new double[ticks - 1][n] : null;
        for (int t = 0; t + 1 < ticks; t++) {
          for (int i = 0; i < n; i++) x[i] = (float) seg.states()[t * n + i];
          for (int j = 0; j < a; j++) u[j] = (float) seg.actions()[t * a + j];
          model.step(x, u, next, members);
          for (int i = 0; i < n; i++) {
            double r = seg.states()[(t + 1) * n + i] - next[i];
            innovation[t][i] = wrapped[i] ? Angles.wrap(r) : r;
            if (members != null) {
              double sum = 0;
              for (int m = 0; m < e; m++) {
                double d = members[m * n + i] - next[i];
                if (wrapped[i]) d = Angles.wrap(d);
                sum += d * d;
              }
              spread[t][i] = Math.sqrt(sum / e);
            }
          }
        }
        out.add(new Calibrator.Episode(innovation, spread));
      }
    }
    return out;
  }
}
