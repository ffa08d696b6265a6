package dev.foresight.models.trust;

/**
 * The correction in force, as whoever plans or predicts with it reads it: a version (0: the model
 * alone) and its {@link ResidualCorrection} weights. One writer (the runtime's control thread, at a
 * swap or a rollback) and any number of readers on any thread; reading never blocks or allocates.
 *
 * <pre>{@code
 * CorrectionWeights mine = new CorrectionWeights(correction.weightCount());   // once
 * if (feed.version() != mine.version && feed.read(mine)) correction.setWeights(mine.weights);
 * }</pre>
 */
public interface CorrectionFeed {

  /** The version in force now (0: the model alone). */
  int version();

  /**
   * Copies the version in force and its weights into {@code into}.
   *
   * @return false when a swap was being written meanwhile ({@code into} holds nothing usable; read
   *     again later)
   */
  boolean read(CorrectionWeights into);
}
