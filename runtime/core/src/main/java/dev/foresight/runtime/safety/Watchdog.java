package dev.foresight.runtime.safety;

import dev.foresight.runtime.agent.Agent;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.PeriodicIdleStrategy;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the control loop from its own thread, like a hardware watchdog: when no tick has started
 * for the timeout (the loop stalled: a blocked driver, a runaway planner, a dead thread), or the
 * loop missed too many deadlines in a row, it puts the outputs in their safe state from this thread
 * and latches the e-stop (reset and arm to continue). It does not depend on the loop thread doing
 * anything. Each check also runs the per-actuator expiry ({@link ActuatorExpiry}), so an actuator
 * that was not written for its expiry goes safe from this thread too.
 *
 * <p>It is an {@link Agent}: {@link #check(long)} is the unit of work; {@link #start()} runs it on
 * the {@code foresight-watchdog} thread (maximum priority) every twentieth of the shorter of the timeout and the shortest actuator expiry (1 ms at
 * least) of real time, with the loop clock's time, so a stall is caught within the timeout plus one
 * check period. A check that throws is logged and trips the watchdog. Tests call {@code check} on a
 * stepped clock.
 */
public final class Watchdog implements Agent, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private final SafetySupervisor safety;
  private final Clock clock;
  private final long timeoutNs;
  private final int missedLimit;
  private final LongSupplier lastTickNs;
  private final LongSupplier consecutiveMissed;
  private final BooleanSupplier loopRunning;
  private final int fifoPriority;
  private volatile boolean tripped;
  private volatile long trips;
  private AgentRunner runner;

  /**
   * @param safety            gets the trip (e-stop latch, outputs safe)
   * @param clock             the loop's clock
   * @param timeoutNs         longest time without a tick start
   * @param missedLimit       consecutive missed deadlines that trip
   * @param lastTickNs        start time of the loop's latest tick (the heartbeat)
   * @param consecutiveMissed deadlines missed in a row so far
   * @param loopRunning       whether the loop is meant to be running (no trips before start or after stop)
   * @param fifoPriority      Linux SCHED_FIFO priority of the watchdog thread (one above the loop's, so it
   *                          can preempt a runaway loop on the same CPU); 0 for normal scheduling
   */
  public Watchdog(SafetySupervisor safety, Clock clock, long timeoutNs, int missedLimit, LongSupplier lastTickNs,
      LongSupplier consecutiveMissed, BooleanSupplier loopRunning, int fifoPriority) {
    this.safety = safety;
    this.clock = clock;
    this.timeoutNs = timeoutNs;
    this.missedLimit = missedLimit;
    this.lastTickNs = lastTickNs;
    this.consecutiveMissed = consecutiveMissed;
    this.loopRunning = loopRunning;
    this.fifoPriority = fifoPriority;
  }

  /**
   * Checks the loop at {@code nowNs}; trips once per failure (again only after the loop recovered).
   *
   * @return whether the loop is failing now
   */
  public boolean check(long nowNs) {
    if (!loopRunning.getAsBoolean()) {
      tripped = false;
      return false;
    }
    safety.expiry().check(nowNs);
    long sinceTickNs = nowNs - lastTickNs.getAsLong();
    long missed = consecutiveMissed.getAsLong();
    boolean stalled = sinceTickNs > timeoutNs;
    boolean missing = missed >= missedLimit;
    if (!stalled && !missing) {
      tripped = false;
      return false;
    }
    if (!tripped) {
      tripped = true;
      trips++;
      if (stalled) {
        safety.watchdogTrip(nowNs, Cause.WATCHDOG_STALL, sinceTickNs * 1e-6, timeoutNs * 1e-6);
      } else {
        safety.watchdogTrip(nowNs, Cause.WATCHDOG_DEADLINES, missed, missedLimit);
      }
    }
    return true;
  }

  /** Times the watchdog tripped. */
  public long trips() {
    return trips;
  }

  /** The timeout, ns. */
  public long timeoutNs() {
    return timeoutNs;
  }

  /** One check at {@code nowNs} (the runner's loop-clock time); 1 while the loop is failing. */
  @Override
  public int doWork(long nowNs) {
    return check(nowNs) ? 1 : 0;
  }

  @Override
  public String roleName() {
    return "foresight-watchdog";
  }

  /** Starts the watchdog thread. */
  public synchronized void start() {
    if (runner != null) return;
    runner = AgentRunner.builder(this)
        .clock(clock)
        .idle(new PeriodicIdleStrategy(Math.max(1_000_000L, Math.min(timeoutNs, safety.expiry().shortestNs()) / 20)))
        .priority(Thread.MAX_PRIORITY)
        .realtime(fifoPriority, -1)
        .errorHandler(e -> {
          LOG.error("watchdog check failed; outputs go safe", e);
          safety.watchdogTrip(clock.nanoTime(), Cause.WATCHDOG_STALL, Double.NaN, timeoutNs * 1e-6);
        })
        .start();
  }

  /** Stops the watchdog thread. Idempotent. */
  @Override
  public synchronized void close() {
    if (runner != null) runner.close();
    runner = null;
  }
}
