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
   * The stage cost for all steps at once, as a {@code [1, rows]} tensor, from variable-major
   * (transposed) stacks: {@code states [S, rows]}, {@code actions} and {@code previous [A, rows]},
   * {@code variance} ({@code [S, rows]} or null); null when this term has no stage cost.
   * Variable-major keeps every per-variable constant a {@code [n, 1]} column, which ONNX Runtime
   * broadcasts along the long axis (a {@code [n]} row over {@code [rows, n]} is many tiny spans,
   * measured about 1 ms per plan slower at K = 1024, H = 32).
   */
  String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance);

  /** The terminal cost as a {@code [1, K]} tensor from {@code last [S, K]} (variable-major); null when none. */
  default String terminalGraph(OnnxGraph g, String last) {
    return null;
  }

  /** Whether the term needs the ensemble variance. */
  default boolean needsVariance() {
    return false;
  }
}
