package dev.foresight.runtime.time;

import java.util.concurrent.locks.LockSupport;

/**
 * Real time. {@link #sleepUntil} parks until shortly before the deadline and spins the rest, so
 * the wake-up lands within microseconds of the deadline rather than at the scheduler's whim.
 */
public final class SystemClock implements Clock {

  private final long spinNs;

  /**
   * @param spinNs how long before a deadline to stop parking and start spinning; 0 never spins
   *               (frees the core at the cost of wake-up jitter)
   */
  public SystemClock(long spinNs) {
    this.spinNs = spinNs;
  }

  /** A clock that spins the last 100 microseconds before each deadline. */
  public SystemClock() {
    this(100_000L);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long epochMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public void sleepUntil(long deadlineNs) throws InterruptedException {
    for (long remaining = deadlineNs - System.nanoTime(); remaining > 0; remaining = deadlineNs - System.nanoTime()) {
      if (Thread.interrupted()) throw new InterruptedException();
      if (remaining > spinNs) {
        LockSupport.parkNanos(remaining - spinNs);
      } else {
        Thread.onSpinWait();
      }
    }
  }
}
