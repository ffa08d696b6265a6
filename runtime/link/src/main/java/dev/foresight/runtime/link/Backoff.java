package dev.foresight.runtime.link;

import java.util.SplittableRandom;

/**
 * Reconnect delays: exponential from {@code minNs} to {@code maxNs}, each drawn uniformly from the
 * upper half of the current step ("equal jitter"), so a fleet that lost its broker at the same
 * moment does not come back in lockstep. Seeded, so tests see the same delays every run.
 */
final class Backoff {

  private final long minNs;
  private final long maxNs;
  private final SplittableRandom random;
  private long step;

  Backoff(long minNs, long maxNs, long seed) {
    this.minNs = minNs;
    this.maxNs = maxNs;
    this.random = new SplittableRandom(seed);
    this.step = minNs;
  }

  /** The delay before the next attempt; each call doubles the step up to the maximum. */
  long nextNs() {
    long current = step;
    step = Math.min(maxNs, step * 2);
    long half = current / 2;
    return half + random.nextLong(half + 1);
  }

  /** Back to the shortest delay, after a successful connection. */
  void reset() {
    step = minNs;
  }
}
