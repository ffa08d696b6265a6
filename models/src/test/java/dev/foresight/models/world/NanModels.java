package dev.foresight.models.world;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.foresight.models.onnx.OnnxGraph;

/**
 * Pendulum-shaped world models (theta, theta_dot; torque) that meet the contract but predict NaN in
 * one variable where that variable is above a bound, and elsewhere the integrator
 * {@code theta' = theta + 0.05 torque}, {@code theta_dot' = theta_dot}: linear, so a convex
 * combination of action sequences that stay in the valid region stays in it too.
 */
public final class NanModels {

  private NanModels() {}

  /** A model whose prediction of {@code variable} (0 theta, 1 theta_dot) is always NaN. */
  public static ModelProto alwaysNan(int variable) {
    return nanAbove(variable, -1e9f);
  }

  /**
   * A model that predicts NaN for {@code variable} where its current value is above {@code bound}
   * (e.g. {@code nanAbove(0, 0)}: NaN when theta > 0); the other variable stays finite.
   */
  public static ModelProto nanAbove(int variable, float bound) {
    OnnxGraph g = new OnnxGraph("nan-pendulum");
    String state = g.input("state", TensorProto.DataType.FLOAT_VALUE, "N", 2);
    String action = g.input("action", TensorProto.DataType.FLOAT_VALUE, "N", 1);
    // next = state + torque [0.05, 0] + 0 * sqrt(limit - state): sqrt of a negative number is NaN.
    float[] limit = {1e9f, 1e9f};
    limit[variable] = bound;
    String root = g.node("Sqrt", g.node("Sub", g.initializer("limit", limit, 1, 2), state));
    String step = g.node("Mul", action, g.initializer("gain", new float[] {0.05f, 0f}, 1, 2));
    String next = g.node("Add", g.node("Add", state, step), g.node("Mul", root, g.scalar("zero", 0f)));
    g.output(next, "next_state", TensorProto.DataType.FLOAT_VALUE, "N", 2);
    return g.toModel(17, TestModels.pendulumMetadata().toMap());
  }
}
