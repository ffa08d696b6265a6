package dev.foresight.runtime.time;

import java.util.concurrent.locks.LockSupport;

/**
 * Simulated time kept in step with the wall clock: the paced mode of simulation. Like
 * {@link SteppedClock}, {@link #nanoTime()} is simulated time, which moves only when the loop
 * sleeps until its next deadline, so every tick sees exactly {@code start + k * period} and a run
 * is deterministic for its seed however busy the machine is. Unlike it, {@link #sleepUntil} also
 * waits until that much real time has passed since the clock was made, so the run unfolds at
 * wall-clock speed (for watching it, or for talking to a real operator console).
 *
 * <p>When the machine cannot keep up, simulated time falls behind the wall clock rather than
 * skipping ticks; {@link #maxLagNs()} tells by how much.
 */
public final class PacedClock implements Clock {

  private static final long SPIN_NS = 100_000L;

  /** Wall-clock time of simulated time 0, fixed by the first {@link #sleepUntil} (the loop's start). */
  private long realStartNs = Long.MIN_VALUE;
  private final long epochMillisAtStart;
  private volatile long nowNs;
  private volatile long maxLagNs;

  /** A clock at simulated time 0; it starts keeping pace when the loop first sleeps on it. */
  public PacedClock() {
    this.epochMillisAtStart = System.currentTimeMillis();
  }

  @Override
  public long nanoTime() {
    return nowNs;
  }

  @Override
  public long epochMillis() {
    return epochMillisAtStart + nowNs / 1_000_000L;
  }

  @Override
  public void sleepUntil(long deadlineNs) throws InterruptedException {
    if (realStartNs == Long.MIN_VALUE) realStartNs = System.nanoTime() - nowNs;
    if (deadlineNs <= nowNs) return;
    long wallDeadline = realStartNs + deadlineNs;
    for (long remaining = wallDeadline - System.nanoTime(); remaining > 0; remaining = wallDeadline - System.nanoTime()) {
      if (Thread.interrupted()) throw new InterruptedException();
      if (remaining > SPIN_NS) LockSupport.parkNanos(remaining - SPIN_NS);
      else Thread.onSpinWait();
    }
    long lag = System.nanoTime() - wallDeadline;
    if (lag > maxLagNs) maxLagNs = lag;
    nowNs = deadlineNs;
  }

  /** The most the wall clock has been ahead of a deadline when it was reached, ns. */
  public long maxLagNs() {
    return maxLagNs;
  }
}
