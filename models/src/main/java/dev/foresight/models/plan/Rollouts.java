package dev.foresight.models.plan;

/**
 * Evaluates a batch of action sequences from one state: rolls each out on the world model and
 * returns its total cost. Action sequences are time-major: {@code actions[(t * K + k) * A + a]}
 * is action {@code a} of sample {@code k} at step {@code t}, so each step's actions for all samples
 * are contiguous (one world-model call per step, or one slice of the fused graph's input).
 *
 * <p>{@link #evaluate} allocates nothing once warm. A sample whose rollout is invalid (a non-finite
 * cost, or a NaN or infinite predicted state anywhere along it, even in a variable no cost term
 * weighs) gets {@code Float.MAX_VALUE}: {@link #valid} is false for it, and the planners give it no
 * weight (and fail the plan when no sample is valid).
 */
public interface Rollouts extends AutoCloseable {

  /** Samples per batch (K). */
  int samples();

  /** Steps per sequence (H). */
  int horizon();

  /** State variables (S). */
  int stateSize();

  /** Action variables (A). */
  int actionSize();

  /**
   * Writes the cost of each of the K sequences in {@code actions} ({@code H x K x A}) from
   * {@code state} ({@code S}) into {@code cost} ({@code K}); {@code lastAction} ({@code A}) is the
   * action applied just before, for rate penalties.
   */
  void evaluate(float[] state, float[] lastAction, float[] actions, float[] cost);

  /** How the rollouts run, for logs and benchmarks, e.g. {@code fused onnx}. */
  String description();

  /** Releases the world model; idempotent. */
  @Override
  default void close() {}

  /** Whether a cost from {@link #evaluate} belongs to a valid rollout (finite, not saturated). */
  static boolean valid(float cost) {
    return cost < Float.MAX_VALUE;   // false for NaN, +inf and the saturated Float.MAX_VALUE
  }

  /** Replaces non-finite costs by {@code Float.MAX_VALUE}, the mark of an invalid rollout. */
  static void sanitize(float[] cost, int samples) {
    for (int k = 0; k < samples; k++) {
      float c = cost[k];
      if (!(c < Float.MAX_VALUE)) cost[k] = Float.MAX_VALUE;   // NaN and +inf
    }
  }
}
