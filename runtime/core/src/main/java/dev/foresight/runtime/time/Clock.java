package dev.foresight.runtime.time;

/**
 * The one source of time for the control loop. Production uses {@link SystemClock}; tests and
 * fast simulation use {@link SteppedClock}, which makes the same loop run faster than real time.
 * Only this package reads the system clock; only it and the agent runners' idle strategies
 * ({@code runtime.agent}) park.
 */
public interface Clock {

  /** Monotonic time in nanoseconds (arbitrary origin). */
  long nanoTime();

  /** Wall-clock time in epoch milliseconds, for timestamps people and other tools read. */
  long epochMillis();

  /**
   * Returns once {@link #nanoTime()} has reached {@code deadlineNs} (at once if it has already).
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleepUntil(long deadlineNs) throws InterruptedException;
}
