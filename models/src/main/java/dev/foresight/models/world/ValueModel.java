package dev.foresight.models.world;

/**
 * A learned terminal value: for a batch of states, the return expected from there on (higher is
 * better). Planners subtract {@code weight * value} at the end of the horizon.
 */
public interface ValueModel extends AutoCloseable {

  /** Samples per call. */
  int batch();

  /** Writes the value of each of the {@code batch} states ({@code batch x S}) into {@code values}. */
  void value(float[] states, float[] values);

  /** Releases native resources; idempotent. */
  @Override
  default void close() {}
}
