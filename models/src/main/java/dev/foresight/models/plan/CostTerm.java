package dev.foresight.models.plan;

import dev.foresight.models.onnx.OnnxGraph;

/**
 * One small cost term (a Nav2-style critic): it adds its share into the one cost array of a batch
 * of rollouts, in Java for stepwise rollouts and as ONNX operators for the fused rollout graph.
 * Both forms compute the same float32 arithmetic (tests compare them).
 *
 * <p>Arrays are row-major: {@code next} {@code K x S}, {@code action} and {@code previous}
 * {@code K x A}, {@code variance} {@code K x S} (ensembles, else null), {@code cost} {@code K}.
 */
interface CostTerm {

  /** Adds this term's cost for one step (after the transition to {@code next}) into {@code cost}. */
  void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost);

  /** Adds this term's cost on the last predicted state into {@code cost}. */
  default void terminal(int samples, float[] last, float[] cost) {}

  /**
   * The stage cost for all steps at once, as a {@code [rows, 1]} tensor, from stacked
   * {@code states [rows, S]}, {@code actions} and {@code previous [rows, A]}, {@code variance}
   * ({@code [rows, S]} or null); null when this term has no stage cost.
   */
  String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance);

  /** The terminal cost as a {@code [K, 1]} tensor from {@code last [K, S]}; null when none. */
  default String terminalGraph(OnnxGraph g, String last) {
    return null;
  }

  /** Whether the term needs the ensemble variance. */
  default boolean needsVariance() {
    return false;
  }
}
