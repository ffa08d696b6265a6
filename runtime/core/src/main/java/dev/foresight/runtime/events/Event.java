package dev.foresight.runtime.events;

import java.util.Locale;

/**
 * One transition of the robot's safety state, as consumers of an {@link EventLog} receive it:
 * when, how bad, what happened, why, about what, and what the runtime did.
 *
 * <p>Events are produced by the control thread (faults, ladder rungs, safe stops), by command
 * threads (arm, e-stop, reset) and by the watchdog. They are immutable and safe to keep.
 *
 * @param sequence position in the log, from 0, without gaps (a consumer that sees a gap lost events)
 * @param timeNs   loop clock time (the tick's {@code nowNs} for control-thread events)
 * @param epochMs  wall-clock time, epoch milliseconds
 * @param severity how much it matters
 * @param kind     what happened
 * @param cause    why
 * @param subject  what it concerns: a channel ({@code pivot.angle}), a state variable, a loop phase,
 *                 or the command's origin ({@code cli}, {@code mqtt}); empty when nothing specific
 * @param response what the runtime did
 * @param value    the offending value (a reading, a duration in ms), NaN when none
 * @param limit    the limit it was held against, NaN when none
 * @param count    how many times (overruns in a burst, ladder rung index), 0 when not counted
 * @param detail   a short free-text addition (a reason, an exception message), empty when none
 */
public record Event(long sequence, long timeNs, long epochMs, Severity severity, EventKind kind, Cause cause,
    String subject, Response response, double value, double limit, long count, String detail) {

  /** One line for people: what, about what, the numbers, and the reaction. */
  public String message() {
    StringBuilder b = new StringBuilder();
    switch (kind) {
      case ARMED -> b.append("armed");
      case DISARMED -> b.append("disarmed");
      case REFUSED -> b.append("command refused");
      case RESET -> b.append("stop reset; disarmed");
      case ESTOP -> b.append("e-stop");
      case SAFE_STOP -> b.append("safe stop");
      case FAULT -> b.append("fault");
      case ESCALATED -> b.append("fault persists");
      case RECOVERED -> b.append("recovered");
      case FALLBACK -> b.append("fallback controller engaged");
      case PRIMARY -> b.append("primary controller restored");
      case WATCHDOG -> b.append("watchdog");
      case OVERRUN -> b.append("loop overran ").append(count).append(count == 1 ? " time" : " times");
      case SHUTDOWN -> b.append("shutting down; outputs safe");
      case RECORDING_STOPPED -> b.append("recording stopped; the robot runs on");
      case MODEL_SWAP -> {
        return b.append("model correction v").append(count).append(" plans now (").append(detail).append(')').toString();
      }
      case MODEL_ROLLBACK -> {
        b.append("model correction rolled back to v").append(count).append(": model_untrusted");
        if (!subject.isEmpty()) b.append(' ').append(subject);
        return b.append(' ').append(number(value)).append(" s after the swap (window ").append(number(limit))
            .append(" s; ").append(detail).append(')').toString();
      }
    }
    if (kind != EventKind.OVERRUN && kind != EventKind.SHUTDOWN) b.append(": ").append(cause.id().replace('_', ' '));
    if (!subject.isEmpty()) b.append(kind == EventKind.OVERRUN ? "; slowest phase " : " ").append(subject);
    if (!Double.isNaN(value)) {
      b.append(kind == EventKind.OVERRUN ? " took " : " = ").append(number(value));
      if (!Double.isNaN(limit)) b.append(kind == EventKind.OVERRUN ? " ms of a " : " (limit ").append(number(limit))
          .append(kind == EventKind.OVERRUN ? " ms period" : ")");
    }
    if (!detail.isEmpty()) b.append(" (").append(detail).append(')');
    if (response != Response.NONE && kind != EventKind.SHUTDOWN) b.append(" -> ").append(response.id());
    return b.toString();
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + severity.id() + " " + kind.id() + " " + message();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
