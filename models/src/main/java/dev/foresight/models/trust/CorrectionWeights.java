package dev.foresight.models.trust;

/**
 * One version of a {@link ResidualCorrection}'s weights, as it crosses between threads: a mutable
 * holder each side preallocates and copies into (version 0: no correction, the model alone).
 */
public final class CorrectionWeights {

  /** The version (0: the model alone). */
  public int version;
  /** The weights, {@link ResidualCorrection#weightCount()} long. */
  public final double[] weights;

  /** A holder for {@code count} weights, version 0. */
  public CorrectionWeights(int count) {
    this.weights = new double[count];
  }

  /** Copies {@code from} into {@code to} (same size); plain field and array copies only. */
  public static void copy(CorrectionWeights from, CorrectionWeights to) {
    to.version = from.version;
    System.arraycopy(from.weights, 0, to.weights, 0, to.weights.length);
  }
}
