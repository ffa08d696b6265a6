package dev.foresight.runtime.agent;

import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.SystemClock;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces an agent at a fixed rate: whatever the work count, it parks until the next deadline
 * {@code first + k * period}. After a stall longer than a period the cadence resumes from now
 * rather than running the missed cycles back to back. For supervision and housekeeping next to the
 * loop: the watchdog checks every twentieth of its timeout, the event pump drains every 20 ms, the
 * operator link cycles every 5 ms.
 *
 * <p>Deadlines are kept on the pacing clock, which is real time unless a test passes another;
 * that is independent of the clock the runner hands to {@code doWork} (a watchdog on a stepped
 * loop clock still checks every few milliseconds of real time). A wake or a spurious return ends a
 * park early; the next deadline stays where it was.
 */
public final class PeriodicIdleStrategy implements IdleStrategy {

  private static final long UNSET = Long.MIN_VALUE;

  private final long periodNs;
  private final Clock pacing;
  private long nextNs = UNSET;

  /** Paces at {@code periodNs} of real time. */
  public PeriodicIdleStrategy(long periodNs) {
    this(periodNs, new SystemClock(0));
  }

  /** Paces at {@code periodNs} of {@code pacing} time (tests step it). */
  public PeriodicIdleStrategy(long periodNs, Clock pacing) {
    if (periodNs <= 0) throw new IllegalArgumentException("periodNs must be positive, not " + periodNs);
    this.periodNs = periodNs;
    this.pacing = pacing;
  }

  @Override
  public void idle(int workCount) {
    long parkNs = parkNs(pacing.nanoTime());
    if (parkNs > 0) LockSupport.parkNanos(this, parkNs);
  }

  /** Moves to the next deadline after {@code nowNs} and returns how long to wait for it. */
  long parkNs(long nowNs) {
    if (nextNs == UNSET) nextNs = nowNs;   // the first cycle has just run: the cadence starts with it
    nextNs += periodNs;
    if (nextNs < nowNs) nextNs = nowNs;    // after a long stall, resume the cadence from now
    return nextNs - nowNs;
  }

  /** The period, ns. */
  public long periodNs() {
    return periodNs;
  }
}
