package dev.foresight.sim;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from a run's seed, one per purpose. Each
 * consumer (initial state, each randomized parameter, each noise source) asks for its own stream
 * by name, so adding or removing one never changes what the others draw.
 *
 * <pre>{@code
 * RandomGenerator noise = SimRandom.stream(config.seed(), "noise/imu");
 * }</pre>
 */
public final class SimRandom {

  /** The purpose of the plant's initial-state draw. */
  public static final String INITIAL_STATE = "initial-state";

  private SimRandom() {}

  /** A generator for {@code purpose}, the same for the same seed and purpose on every machine. */
  public static SplittableRandom stream(long seed, String purpose) {
    long h = 0xcbf29ce484222325L;                // FNV-1a over the purpose's UTF-16 code units
    for (int i = 0; i < purpose.length(); i++) {
      h = (h ^ purpose.charAt(i)) * 0x100000001b3L;
    }
    return new SplittableRandom(mix(seed ^ mix(h)));
  }

  /** SplitMix64's finalizer: spreads every input bit over the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
