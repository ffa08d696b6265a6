package dev.foresight.runtime.learn.trainer;

/**
 * How an ensemble is trained.
 *
 * @param ensemble        members (each on its own bootstrap sample and initialization)
 * @param hidden          hidden layer widths, e.g. {64, 64}
 * @param batchSize       minibatch size
 * @param learningRate    Adam learning rate
 * @param weightDecay     decoupled weight decay
 * @param maxEpochs       epochs at most
 * @param patience        stop after this many epochs without a better validation loss
 * @param validationShare share of episodes held out for validation (at least one episode)
 * @param threads         members trained at once
 * @param seed            seed for the split, the bootstraps, the initializations and the batch order
 */
public record TrainerSettings(int ensemble, int[] hidden, int batchSize, double learningRate, double weightDecay,
    int maxEpochs, int patience, double validationShare, int threads, long seed) {

  public TrainerSettings {
    hidden = hidden.clone();
    if (ensemble < 1) throw new IllegalArgumentException("an ensemble needs at least one member");
    if (hidden.length == 0) throw new IllegalArgumentException("at least one hidden layer");
    for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden widths must be positive");
  }

  /** 5 members, 2 x 64, batch 256, Adam 1e-3, decay 1e-5, up to 200 epochs, patience 20, 20% validation. */
  public static TrainerSettings defaults(long seed) {
    return new TrainerSettings(5, new int[] {64, 64}, 256, 1e-3, 1e-5, 200, 20, 0.2,
        Math.max(1, Runtime.getRuntime().availableProcessors()), seed);
  }

  /** A copy with another ensemble size and hidden widths. */
  public TrainerSettings with(int members, int[] widths) {
    return new TrainerSettings(members, widths, batchSize, learningRate, weightDecay, maxEpochs, patience,
        validationShare, threads, seed);
  }
}
