package dev.foresight.runtime.agent;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs again at once while there is work; after a cycle that did nothing, parks for
 * {@code sleepNs} (or, {@link #untilWoken()}, until {@link AgentRunner#wake()}). For consumers of a
 * queue: the recorder parks 2 ms when the tap is empty; the asynchronous planner parks until the
 * control thread hands over a new state.
 */
public final class SleepingIdleStrategy implements IdleStrategy {

  private static final long FOREVER = -1;

  private final long sleepNs;

  /** @param sleepNs how long to park after a cycle without work (a wake ends it early) */
  public SleepingIdleStrategy(long sleepNs) {
    if (sleepNs <= 0) throw new IllegalArgumentException("sleepNs must be positive, not " + sleepNs);
    this.sleepNs = sleepNs;
  }

  private SleepingIdleStrategy() {
    this.sleepNs = FOREVER;
  }

  /** Parks after a cycle without work until the runner is woken (or closed). */
  public static SleepingIdleStrategy untilWoken() {
    return new SleepingIdleStrategy();
  }

  @Override
  public void idle(int workCount) {
    if (workCount > 0) return;
    if (sleepNs == FOREVER) LockSupport.park(this);
    else LockSupport.parkNanos(this, sleepNs);
  }
}
