package dev.foresight.models.world;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Models the tests build with the export code: the 2x64 MLP pendulum world model (random weights,
 * pendulum-range normalization; for speed and contract tests, not for quality) and small linear
 * models whose optimum is known.
 */
public final class TestModels {

  public static final List<String> PENDULUM_STATE = List.of("theta", "theta_dot");
  public static final List<String> PENDULUM_ACTION = List.of("torque");
  public static final double PENDULUM_DT = 0.05;

  private TestModels() {}

  public static WorldModelMetadata pendulumMetadata() {
    return new WorldModelMetadata(1, PENDULUM_STATE, PENDULUM_ACTION, PENDULUM_DT, "fp32", "", "foresight tests");
  }

  /** Pendulum-range normalization: angle ~ pi, rate ~ 4, torque ~ 1.2; deltas ~ 0.2 and 0.5. */
  public static MlpExport.Normalization pendulumNormalization() {
    return new MlpExport.Normalization(new float[] {0, 0, 0}, new float[] {1.8f, 4f, 1.2f},
        new float[] {0, 0}, new float[] {0.2f, 0.5f});
  }

  /** The 2x64 MLP pendulum world model (E members; 1 for a single model). */
  public static ModelProto pendulum(int members, Mlp.Activation activation, MlpExport.Quantization q) {
    List<Mlp> mlps = new ArrayList<>();
    for (int m = 0; m < members; m++) mlps.add(Mlp.random(new int[] {3, 64, 64, 2}, activation, 17 + m, 0.5));
    return MlpExport.worldModel(mlps, pendulumNormalization(), pendulumMetadata(), q);
  }

  /**
   * Writes the standard test models (2x64 pendulum: fp32, int8, and int8 weights with fp32 products)
   * under {@code dir}; returns [fp32, int8, int8w].
   */
  public static Path[] writePendulum(Path dir) {
    try {
      Files.createDirectories(dir);
      Path fp32 = dir.resolve("pendulum-2x64-fp32.onnx");
      Path int8 = dir.resolve("pendulum-2x64-int8.onnx");
      Files.write(fp32, pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.FP32).toByteArray());
      Path int8w = dir.resolve("pendulum-2x64-int8w.onnx");
      Files.write(int8, pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.INT8).toByteArray());
      Files.write(int8w, pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.INT8_WEIGHTS).toByteArray());
      return new Path[] {fp32, int8, int8w};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Linear dynamics next = state + [state, action] W as a one-layer "MLP" (no activation).
   *
   * @param w (S + A) x S, row-major
   */
  public static ModelProto linear(List<String> state, List<String> action, double dt, float[] w, int members,
      float memberSpread) {
    int s = state.size();
    int a = action.size();
    List<Mlp> mlps = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      float[] wm = w.clone();
      for (int i = 0; i < wm.length; i++) wm[i] *= 1 + memberSpread * (m - (members - 1) / 2f);
      mlps.add(new Mlp(List.of(new Mlp.Dense(s + a, s, wm, new float[s])), Mlp.Activation.RELU));
    }
    return MlpExport.worldModel(mlps, MlpExport.Normalization.identity(s, a),
        new WorldModelMetadata(1, state, action, dt, "fp32", "", "foresight tests"), MlpExport.Quantization.FP32);
  }
}
