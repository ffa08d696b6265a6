package dev.foresight.runtime.safety;

import dev.foresight.config.LadderStep;
import dev.foresight.config.Reaction;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.EventDraft;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Response;
import dev.foresight.runtime.events.Severity;
import java.util.List;

/**
 * The failsafe ladder of one fault source (a fault class, or one envelope bound), as a small state
 * machine fed once per tick with whether the fault is present:
 * <ul>
 *   <li>first seen: the fault becomes active on rung 0 ({@link EventKind#FAULT});
 *   <li>still present: it climbs to the highest rung whose {@code after} has elapsed since first seen
 *       ({@link EventKind#ESCALATED});
 *   <li>absent: after {@code recover} without it, it is over ({@link EventKind#RECOVERED}). While it
 *       recovers, a fallback reaction stays in force (hysteresis: no flapping back to the primary);
 *       warn and hold end at once, as the data is good again. A fault that returns within the
 *       recovery time keeps its original start, so a flapping fault still escalates.
 * </ul>
 * Control thread only; allocation-free.
 */
final class FaultSlot {

  final Cause cause;
  private final Reaction[] reactions;
  private final long[] afterNs;
  private final long recoverNs;
  private final EventLog events;
  private final EventDraft event = new EventDraft();

  private boolean active;
  private boolean present;
  private int rung = -1;
  private long firstNs;
  private long lastSeenNs;
  private String subject = "";

  FaultSlot(Cause cause, List<LadderStep> steps, long recoverNs, EventLog events) {
    this.cause = cause;
    this.reactions = steps.stream().map(LadderStep::reaction).toArray(Reaction[]::new);
    this.afterNs = steps.stream().mapToLong(s -> (long) (s.afterMs() * 1e6)).toArray();
    this.recoverNs = recoverNs;
    this.events = events;
  }

  /**
   * Feeds one tick.
   *
   * @param present whether the fault is present this tick
   * @param subject what it concerns (a channel, a variable), for events
   * @param value   the offending value, for events
   * @param limit   the limit it was held against, for events
   * @param detail  a short addition for events (a constant or an exception message)
   */
  void report(long nowNs, boolean present, String subject, double value, double limit, String detail) {
    this.present = present;
    if (present) {
      lastSeenNs = nowNs;
      if (!active) {
        active = true;
        firstNs = nowNs;
        rung = 0;
        this.subject = subject;
        emit(nowNs, EventKind.FAULT, value, limit, detail);
      }
      int target = rung;
      while (target + 1 < reactions.length && nowNs - firstNs >= afterNs[target + 1]) target++;
      if (target > rung) {
        rung = target;
        emit(nowNs, EventKind.ESCALATED, value, limit, detail);
      }
    } else if (active && nowNs - lastSeenNs >= recoverNs) {
      active = false;
      events.emit(event.begin(nowNs, Severity.INFO, EventKind.RECOVERED, cause).subject(this.subject));
      rung = -1;
    }
  }

  /**
   * Ends a recovering fault now (absent this tick, still in its hysteresis): what it was about is
   * gone. A present or inactive fault is left as it is. {@code why}: a constant, the event's detail.
   */
  void endRecovery(long nowNs, String why) {
    if (!active || present) return;
    active = false;
    events.emit(event.begin(nowNs, Severity.INFO, EventKind.RECOVERED, cause).subject(this.subject).detail(why));
    rung = -1;
  }

  private void emit(long nowNs, EventKind kind, double value, double limit, String detail) {
    Reaction r = reactions[rung];
    events.emit(event.begin(nowNs, severity(r), kind, cause).subject(subject).response(Response.of(r)).value(value)
        .limit(limit).count(rung).detail(detail));
  }

  static Severity severity(Reaction r) {
    return switch (r) {
      case WARN -> Severity.WARNING;
      case HOLD, FALLBACK -> Severity.ERROR;
      case SAFE_STOP -> Severity.CRITICAL;
    };
  }

  /** The reaction in force, or null when none. */
  Reaction reaction() {
    if (!active) return null;
    Reaction r = reactions[rung];
    if (present) return r;
    return r == Reaction.FALLBACK ? r : null;
  }

  /** Whether the fault is present this tick. */
  boolean present() {
    return present;
  }

  /** Whether the fault is active (present, or recovering). */
  boolean active() {
    return active;
  }

  /** What the fault concerns (set when it became active). */
  String subject() {
    return subject;
  }
}
