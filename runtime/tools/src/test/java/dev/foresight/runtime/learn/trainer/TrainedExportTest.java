package dev.foresight.runtime.learn.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.Angles;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.WorldModelContract;
import dev.foresight.models.world.WorldModelMetadata;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A trained ensemble exported to ONNX computes what the Java reference computes, angles included. */
class TrainedExportTest {

  private static TrainedEnsemble model;
  private static Transitions data;

  /** Pendulum-v1 transitions (theta wrapped), random torques, a few short episodes. */
  static Transitions pendulum(int episodes, int steps, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = episodes * steps;
    double[] s = new double[2 * n];
    double[] a = new double[n];
    double[] next = new double[2 * n];
    int[] ep = new int[n];
    for (int e = 0; e < episodes; e++) {
      double th = r.nextDouble(-Math.PI, Math.PI);
      double w = r.nextDouble(-1, 1);
      for (int t = 0; t < steps; t++) {
        int i = e * steps + t;
        double u = r.nextDouble(-2, 2);
        double w2 = Math.clamp(w + (15 * Math.sin(th) + 3 * u) * 0.05, -8, 8);
        double th2 = Angles.wrap(th + w2 * 0.05);
        s[2 * i] = th;
        s[2 * i + 1] = w;
        a[i] = u;
        next[2 * i] = th2;
        next[2 * i + 1] = w2;
        ep[i] = e;
        th = th2;
        w = w2;
      }
    }
    return new Transitions(List.of("theta", "theta_dot"), List.of("torque"), new boolean[] {true, false}, s, a, next, ep);
  }

  @BeforeAll
  static void train() throws Exception {
    data = pendulum(8, 100, 5);
    model = new EnsembleTrainer(new TrainerSettings(3, new int[] {16, 16}, 64, 3e-3, 1e-5, 15, 15, 0.25, 2, 9))
        .train(data, ProgressListener.NONE);
  }

  private static WorldModelMetadata metadata() {
    return new WorldModelMetadata(1, List.of("theta", "theta_dot"), List.of("torque"), 0.05, "fp32", "sha256:test",
        "foresight tests");
  }

  /** Runs {@code q}'s export on states across the whole circle (and past the velocity range) and returns the worst error. */
  private static double worstError(MlpExport.Quantization q, float[] nextOut) {
    int n = 64;
    float[] x = new float[2 * n];
    float[] u = new float[n];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) (i < 4 ? Math.PI - 1e-4 * i : i < 8 ? -Math.PI + 1e-4 * (i - 4) : r.nextDouble(-Math.PI, Math.PI));
      x[2 * i + 1] = (float) r.nextDouble(-12, 12);   // beyond the clipped range: never clamped
      u[i] = (float) r.nextDouble(-2, 2);
    }
    byte[] bytes = model.export(metadata(), q).toByteArray();
    try (ModelSession session = ModelSession.open(bytes, "trained-" + q.id(), SessionSettings.DEFAULT)) {
      WorldModelContract.check(session, List.of("theta", "theta_dot"), List.of("torque"), 0.05);
      assertThat(session.spec(WorldModelContract.MEMBERS).dim(0)).isEqualTo(3);
      assertThat(session.metadata()).containsEntry(WorldModelMetadata.KEY_TRAINED_ON, "sha256:test")
          .containsEntry(WorldModelMetadata.KEY_QUANTIZATION, q.id());
      try (OnnxWorldModel m = new OnnxWorldModel(session, n)) {
        m.step(x, u, nextOut, null);
      }
    }
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double[] want = model.predict(new double[] {x[2 * i], x[2 * i + 1]}, new double[] {u[i]});
      assertThat(nextOut[2 * i]).as("predicted angle is wrapped").isBetween((float) -Math.PI, (float) Math.PI);
      worst = Math.max(worst, Math.abs(Angles.wrap(nextOut[2 * i] - want[0])));
      worst = Math.max(worst, Math.abs(nextOut[2 * i + 1] - want[1]));
    }
    return worst;
  }

  @Test
  void fp32ExportMatchesTheJavaEnsembleAcrossTheAngleWrap() {
    assertThat(worstError(MlpExport.Quantization.FP32, new float[128])).isLessThan(1e-4);
  }

  @Test
  void int8ExportsStayCloseToTheJavaEnsemble() {
    // int8 is approximate by design; an error of a few hundredths of a radian (per second) at worst,
    // over inputs as far as 12 rad/s (beyond anything trained on).
    assertThat(worstError(MlpExport.Quantization.INT8, new float[128])).isLessThan(0.1);
    assertThat(worstError(MlpExport.Quantization.INT8_WEIGHTS, new float[128])).isLessThan(0.1);
  }

  @Test
  void theEnsemblePredictsTheStatePlusTheMembersMeanDelta() {
    double[] x = {Math.PI - 0.01, 2.0};
    double[] u = {0.5};
    double[] mean = new double[2];
    for (int m = 0; m < model.size(); m++) {
      double[] d = model.delta(m, x, u);
      mean[0] += d[0] / model.size();
      mean[1] += d[1] / model.size();
    }
    double[] p = model.predict(x, u);
    assertThat(p[0]).isCloseTo(Angles.wrap(x[0] + mean[0]), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p[1]).isCloseTo(x[1] + mean[1], org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p[0]).as("0.01 rad below pi at 2 rad/s wraps past pi").isNegative();
  }
}
