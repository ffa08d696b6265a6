package dev.foresight.models.plan;

import dev.foresight.models.trust.CorrectionFeed;
import dev.foresight.models.trust.CorrectionWeights;
import dev.foresight.models.trust.ResidualCorrection;

/**
 * Rollouts that follow the online correction in force: with none (version 0) the model's own
 * rollouts (the fused graph when it was built), with one the stepwise rollouts over the same model
 * with the correction added at every step (a fused graph cannot include a correction that changes
 * at run time). Both stay built and warm, so a swap and a rollback cost nothing but the weights'
 * copy. At the start of each {@link #evaluate} the feed's version is compared with the one in use
 * and, when it changed, the new weights are copied in (a read that raced a swap is retried at the
 * next evaluation). Allocation-free.
 *
 * <pre>{@code
 * CorrectedRollouts r = new CorrectedRollouts(fused, stepwise, new ResidualCorrection(wrapped, 1, settings));
 * r.follow(feed);            // the runtime's published correction
 * planner.plan(state, deadlineNs);
 * }</pre>
 */
public final class CorrectedRollouts implements Rollouts {

  private final Rollouts primary;
  private final StepwiseRollouts corrected;
  private final ResidualCorrection correction;
  private final CorrectionWeights read;
  private volatile CorrectionFeed feed;
  private int version;

  /**
   * @param primary    the model's rollouts (fused or stepwise), used while no correction is in force
   * @param corrected  stepwise rollouts over the same model (may be {@code primary} itself), used with one
   * @param correction holds the weights in force (owned from here)
   */
  public CorrectedRollouts(Rollouts primary, StepwiseRollouts corrected, ResidualCorrection correction) {
    if (primary.samples() != corrected.samples() || primary.horizon() != corrected.horizon()) {
      throw new IllegalArgumentException("the corrected rollouts must have the primary's samples and horizon");
    }
    this.primary = primary;
    this.corrected = corrected;
    this.correction = correction;
    this.read = new CorrectionWeights(correction.weightCount());
  }

  /** Follows {@code feed} from the next evaluation on (null: the model alone). Any thread. */
  public void follow(CorrectionFeed feed) {
    this.feed = feed;
  }

  /** The correction version the latest evaluation planned with (0: the model alone). */
  public int version() {
    return version;
  }

  @Override
  public void evaluate(float[] state, float[] lastAction, float[] actions, float[] cost) {
    CorrectionFeed f = feed;
    int wanted = f == null ? 0 : f.version();
    if (wanted != version) {
      if (wanted == 0) {
        version = 0;
      } else if (f.read(read)) {
        correction.setWeights(read.weights);
        version = read.version;
      }
    }
    if (version == 0) {
      if (primary == corrected) corrected.correctWith(null);
      primary.evaluate(state, lastAction, actions, cost);
    } else {
      corrected.correctWith(correction);
      corrected.evaluate(state, lastAction, actions, cost);
    }
  }

  @Override
  public int samples() {
    return primary.samples();
  }

  @Override
  public int horizon() {
    return primary.horizon();
  }

  @Override
  public int stateSize() {
    return primary.stateSize();
  }

  @Override
  public int actionSize() {
    return primary.actionSize();
  }

  @Override
  public String description() {
    return primary == corrected ? primary.description() + ", with online correction"
        : primary.description() + ", stepwise with an online correction";
  }

  @Override
  public void close() {
    primary.close();
    if (corrected != primary) corrected.close();
  }
}
