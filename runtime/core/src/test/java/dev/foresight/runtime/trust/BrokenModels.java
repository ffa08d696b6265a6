package dev.foresight.runtime.trust;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.foresight.models.onnx.OnnxGraph;
import dev.foresight.models.world.WorldModelMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pendulum world models (theta, theta_dot; torque) that meet the contract but predict NaN: always,
 * or only where theta_dot is below a bound (elsewhere they predict "nothing changes").
 */
public final class BrokenModels {

  private BrokenModels() {}

  /** A model whose every prediction is NaN. */
  public static Path alwaysNan(Path dir) {
    return write(dir.resolve("always-nan.onnx"), 1e9f);
  }

  /** A model that predicts NaN where theta_dot is below {@code bound}, and the unchanged state elsewhere. */
  public static Path nanBelow(Path dir, float bound) {
    return write(dir.resolve("nan-below.onnx"), bound);
  }

  private static Path write(Path file, float bound) {
    OnnxGraph g = new OnnxGraph("broken-pendulum");
    String state = g.input("state", TensorProto.DataType.FLOAT_VALUE, "N", 2);
    g.input("action", TensorProto.DataType.FLOAT_VALUE, "N", 1);
    // next = state + 0 * sqrt(state + [100, -bound]): sqrt of a negative number is NaN.
    String offset = g.initializer("offset", new float[] {100f, -bound}, 1, 2);
    String root = g.node("Sqrt", g.node("Add", state, offset));
    String next = g.node("Add", state, g.node("Mul", root, g.scalar("zero", 0f)));
    g.output(next, "next_state", TensorProto.DataType.FLOAT_VALUE, "N", 2);
    var meta = new WorldModelMetadata(1, List.of("theta", "theta_dot"), List.of("torque"), 0.05, "fp32", "",
        "foresight tests");
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, g.toModel(17, meta.toMap()).toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
