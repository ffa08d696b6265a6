package dev.foresight.runtime.loop;

import org.HdrHistogram.Histogram;

/**
 * Counters and histograms of the loop's timing, written by the control thread only. Other
 * threads read the counters at any time and the histograms once the loop has stopped (or take a
 * copy, accepting a torn read of a live histogram).
 */
public final class LoopStats {

  /** Histogram range: 10 s in microseconds, 3 significant digits. */
  private static final long MAX_US = 10_000_000L;

  private final Histogram periodErrorUs = new Histogram(MAX_US, 3);
  private final Histogram tickUs = new Histogram(MAX_US, 3);
  private volatile long ticks;
  private volatile long overruns;
  private volatile long skippedPeriods;
  private volatile long faults;
  private volatile double costSum;
  private volatile long costTicks;

  void recordTick(long periodErrorNs, long tickNs) {
    periodErrorUs.recordValue(Math.min(MAX_US, Math.abs(periodErrorNs) / 1000));
    tickUs.recordValue(Math.min(MAX_US, Math.max(0, tickNs) / 1000));
    ticks++;
  }

  void recordOverrun(long periodsSkipped) {
    overruns++;
    skippedPeriods += periodsSkipped;
  }

  void recordCost(double cost) {
    if (!Double.isNaN(cost)) {
      costSum += cost;
      costTicks++;
    }
  }

  /** Sum of the per-tick costs reported (by the plant in simulation), 0 when none were. */
  public double costSum() {
    return costSum;
  }

  /** Ticks that reported a cost. */
  public long costTicks() {
    return costTicks;
  }

  void recordFault() {
    faults++;
  }

  /** Ticks run. */
  public long ticks() {
    return ticks;
  }

  /** Ticks that ran past the next deadline. */
  public long overruns() {
    return overruns;
  }

  /** Deadlines skipped after overruns (no burst catch-up). */
  public long skippedPeriods() {
    return skippedPeriods;
  }

  /** Ticks in which a phase threw and the loop went to a safe state. */
  public long faults() {
    return faults;
  }

  /** |actual - scheduled| tick start, microseconds. */
  public Histogram periodErrorUs() {
    return periodErrorUs;
  }

  /** Time from tick start to the end of its work, microseconds. */
  public Histogram tickUs() {
    return tickUs;
  }
}
