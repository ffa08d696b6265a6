package dev.foresight.runtime.loop;

import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.EventDraft;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Severity;

/**
 * Turns overruns into one event per burst, naming where the time went (like WPILib's watchdog
 * epochs, without a line per tick): a burst starts with an overrun and ends after a second without
 * one; a burst that goes on is reported every ten seconds. The event names the slowest phase of
 * the worst tick, or {@code wakeup} when the tick started late (the scheduler, not the work).
 * Control thread; allocation-free.
 */
final class OverrunReporter {

  static final long QUIET_NS = 1_000_000_000L;
  static final long MAX_BURST_NS = 10_000_000_000L;
  private static final String WAKEUP = "wakeup";

  private final EventLog events;
  private final EventDraft event = new EventDraft();
  private final double periodMs;
  private boolean inBurst;
  private long burstStartNs;
  private long lastOverrunNs;
  private long count;
  private long worstNs;
  private String worstPhase = "";

  OverrunReporter(EventLog events, long periodNs) {
    this.events = events;
    this.periodMs = periodNs * 1e-6;
  }

  /** An overrun by the tick in {@code frame}, which ended at {@code endNs}. */
  void overrun(long endNs, TickFrame frame) {
    if (!inBurst) {
      inBurst = true;
      burstStartNs = endNs;
      count = 0;
      worstNs = -1;
    }
    count++;
    lastOverrunNs = endNs;
    long slowest = Math.max(0, frame.periodErrorNs);
    String where = WAKEUP;
    for (Phase p : Phase.ALL) {
      long ns = frame.phaseNs[p.ordinal()];
      if (ns > slowest) {
        slowest = ns;
        where = p.id();
      }
    }
    if (slowest > worstNs) {
      worstNs = slowest;
      worstPhase = where;
    }
  }

  /** Called after every tick: reports a burst that ended or has gone on for long. */
  void afterTick(long endNs) {
    if (!inBurst) return;
    if (endNs - lastOverrunNs >= QUIET_NS || endNs - burstStartNs >= MAX_BURST_NS) {
      events.emit(event.begin(endNs, Severity.WARNING, EventKind.OVERRUN, Cause.LOOP_OVERRUN).subject(worstPhase)
          .value(worstNs * 1e-6).limit(periodMs).count(count));
      inBurst = false;
    }
  }
}
