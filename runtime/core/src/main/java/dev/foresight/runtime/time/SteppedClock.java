package dev.foresight.runtime.time;

/**
 * Simulated time that moves only when told to. {@link #sleepUntil} jumps straight to the deadline,
 * so a loop paced by this clock runs as fast as the machine allows, deterministically. Tests use
 * {@link #advance} to move time by hand.
 */
public final class SteppedClock implements Clock {

  private final long epochMillisAtZero;
  private volatile long nowNs;

  /** Starts at time 0, with wall-clock epoch {@code epochMillisAtZero}. */
  public SteppedClock(long epochMillisAtZero) {
    this.epochMillisAtZero = epochMillisAtZero;
  }

  /** Starts at time 0 and epoch 0. */
  public SteppedClock() {
    this(0L);
  }

  @Override
  public long nanoTime() {
    return nowNs;
  }

  @Override
  public long epochMillis() {
    return epochMillisAtZero + nowNs / 1_000_000L;
  }

  @Override
  public void sleepUntil(long deadlineNs) throws InterruptedException {
    if (Thread.interrupted()) throw new InterruptedException();
    if (deadlineNs > nowNs) nowNs = deadlineNs;
  }

  /** Moves time forward by {@code ns}. */
  public void advance(long ns) {
    nowNs += ns;
  }
}
