package dev.foresight.runtime.replay;

import dev.foresight.runtime.time.Clock;
import java.util.function.LongSupplier;

/**
 * Time as the recording says it passed. The loop reads the tick's recorded clock reading; the
 * planner reads a scripted clock that lets it complete exactly the recorded number of iterations
 * (the anytime loop of {@code SamplingPlanner.plan} reads the clock on entry and after each
 * iteration, and stops once the deadline has passed), and from the planner's first read on the loop
 * reads the time the plan phase ended: past the deadline when the recorded tick was late, so the
 * supervisor is told what it was told in the run.
 *
 * <p>Unscripted ticks (a counterfactual run, a controller without a planner) never run out of time.
 */
final class ReplayClock implements Clock {

  private final long epochNsAtZero;
  private long nowNs;
  private long deadlineNs = Long.MAX_VALUE;
  private boolean scripted;
  private int iterations;
  private boolean late;
  private int plannerReads;
  private long loopNs;

  ReplayClock(long epochNsAtZero) {
    this.epochNsAtZero = epochNsAtZero;
  }

  /** A tick at {@code now} whose planner runs as long as it likes. */
  void tick(long now) {
    nowNs = now;
    loopNs = now;
    scripted = false;
    plannerReads = 0;
  }

  /** A tick at {@code now} whose planner completes {@code recordedIterations} before {@code deadline}, late or not. */
  void tick(long now, long deadline, int recordedIterations, boolean recordedLate) {
    tick(now);
    scripted = true;
    deadlineNs = deadline;
    iterations = recordedIterations;
    late = recordedLate;
  }

  /** The planner's clock. */
  LongSupplier planner() {
    return this::plannerTime;
  }

  private long plannerTime() {
    if (!scripted) return nowNs;
    int read = plannerReads++;
    if (read == 0) {
      // The plan phase's end, as the loop's next reading of the clock will see it.
      loopNs = late ? deadlineNs + 1 : nowNs;
      return iterations == 0 ? deadlineNs + 1 : nowNs;   // entry: no iteration at all when none was done
    }
    // After iteration `read`: go on while fewer than the recorded iterations are done.
    return read < iterations ? nowNs : deadlineNs;
  }

  @Override
  public long nanoTime() {
    return loopNs;
  }

  @Override
  public long epochMillis() {
    return Math.floorDiv(epochNsAtZero + loopNs, 1_000_000L);
  }

  @Override
  public void sleepUntil(long deadline) {}
}
