package dev.foresight.runtime.learn.trainer;

/** Hears how training goes, e.g. to draw a progress bar. Called from training threads. */
@FunctionalInterface
public interface ProgressListener {

  /**
   * An epoch of member {@code member} finished.
   *
   * @param member         member index
   * @param epoch          epoch, from 1
   * @param maxEpochs      epochs at most
   * @param trainLoss      normalized MSE over the epoch's minibatches
   * @param validationLoss normalized MSE on the held-out episodes
   * @param stopped        true when this member stopped early (no better validation for a while) or at the maximum
   */
  void epoch(int member, int epoch, int maxEpochs, double trainLoss, double validationLoss, boolean stopped);

  /** Hears nothing. */
  ProgressListener NONE = (member, epoch, maxEpochs, trainLoss, validationLoss, stopped) -> { };
}
