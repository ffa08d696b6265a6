package dev.foresight.runtime.trust;

import dev.foresight.models.trust.CorrectionFeed;
import dev.foresight.models.trust.CorrectionWeights;
import dev.foresight.runtime.handoff.SeqLock;

/**
 * The correction in force, published by the control thread (the one writer: it swaps and rolls
 * back) under a {@link SeqLock}, and read by the planner's rollouts (on the control thread or the
 * planner's own) and by the learner, which judges its candidates against it. Nobody waits or
 * allocates; a reader that raced a swap reads again later.
 */
public final class PublishedCorrection implements CorrectionFeed {

  private final SeqLock<CorrectionWeights> lock;
  private volatile int version;

  /** Version 0 (the model alone), with room for {@code weightCount} weights. */
  public PublishedCorrection(int weightCount) {
    this.lock = new SeqLock<>(new CorrectionWeights(weightCount), CorrectionWeights::copy);
  }

  /** Control thread: {@code w} is in force from now on. */
  public void publish(CorrectionWeights w) {
    lock.write(w);
    version = w.version;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public boolean read(CorrectionWeights into) {
    return lock.tryRead(into) != SeqLock.BUSY;
  }
}
