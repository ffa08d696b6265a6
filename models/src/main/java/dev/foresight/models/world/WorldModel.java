package dev.foresight.models.world;

/**
 * A batched one-step predictor: for {@link #batch()} states and actions, the next states. The
 * planner's rollouts call it once per horizon step with all samples. Implementations: an ONNX
 * model ({@link OnnxWorldModel}), or in the runtime the simulator's plant (ground truth).
 *
 * <p>Arrays are float32, row-major, in the config's variable order: {@code state} and
 * {@code next} hold {@code batch x stateSize}, {@code action} {@code batch x actionSize}, and
 * {@code members} (ensembles only) {@code members x batch x stateSize}. {@link #step} allocates
 * nothing once warm. Not thread-safe.
 */
public interface WorldModel extends AutoCloseable {

  /** State variables per sample. */
  int stateSize();

  /** Action variables per sample. */
  int actionSize();

  /** Samples per call. */
  int batch();

  /** Ensemble members (1 for a single model). */
  int members();

  /**
   * Predicts {@code next} from {@code state} and {@code action}; for an ensemble also every
   * member's prediction into {@code members} (ignored when null).
   */
  void step(float[] state, float[] action, float[] next, float[] members);

  /** Releases native resources; idempotent. */
  @Override
  default void close() {}
}
