package dev.foresight.runtime.trust;

/**
 * A correction the gate passed, from the learner to the control thread (through a SeqLock): its
 * version and weights, the gate's numbers for the swap event, and a label for a later rollback's.
 * The strings are made on the learner's thread, so the control thread emits the events without
 * formatting anything.
 */
final class Proposal {

  int version;
  final double[] weights;
  /** The gate's numbers, one line (the swap event's detail). */
  String detail = "";
  /** What a rollback of this version leaves, e.g. {@code leaving v2} (the rollback event's detail). */
  String leaving = "";
  /** The candidate's held-out one-step error (RMS in calibrated residual scales) when the gate passed it. */
  double oneStepError = Double.NaN;

  Proposal(int weightCount) {
    weights = new double[weightCount];
  }

  static void copy(Proposal from, Proposal to) {
    to.version = from.version;
    System.arraycopy(from.weights, 0, to.weights, 0, to.weights.length);
    to.detail = from.detail;
    to.leaving = from.leaving;
    to.oneStepError = from.oneStepError;
  }
}
