package dev.foresight.runtime.events;

/**
 * The fields of an event about to be emitted: a reusable parameter object, so the control thread
 * emits without allocating and a call site names only what it knows. {@link #begin} sets what
 * every event has and resets the rest to "none" (no subject, no response, NaN value and limit,
 * count 0, no detail); the other setters add to it; {@link EventLog#emit(EventDraft)} copies it.
 *
 * <pre>{@code
 * private final EventDraft event = new EventDraft();   // one per emitting thread, made once
 * ...
 * events.emit(event.begin(nowNs, Severity.WARNING, EventKind.FAULT, Cause.SENSOR_STALE)
 *     .subject(channelName).response(Response.HOLD).value(reading).limit(maxAgeMs));
 * }</pre>
 *
 * <p>Not thread-safe: each emitting thread uses its own draft (or a draft under a lock, as the
 * safety supervisor's commands do). Pass strings that already exist (channel names, constants):
 * no concatenation on the control thread.
 */
public final class EventDraft {

  long timeNs;
  Severity severity = Severity.INFO;
  EventKind kind = EventKind.FAULT;
  Cause cause = Cause.COMMAND;
  String subject = "";
  Response response = Response.NONE;
  double value = Double.NaN;
  double limit = Double.NaN;
  long count;
  String detail = "";

  /**
   * Starts a new event: sets what every event has, and clears the optional fields.
   *
   * @param nowNs    loop clock time
   * @param severity how much it matters
   * @param kind     what happened
   * @param cause    why
   */
  public EventDraft begin(long nowNs, Severity severity, EventKind kind, Cause cause) {
    this.timeNs = nowNs;
    this.severity = severity;
    this.kind = kind;
    this.cause = cause;
    this.subject = "";
    this.response = Response.NONE;
    this.value = Double.NaN;
    this.limit = Double.NaN;
    this.count = 0;
    this.detail = "";
    return this;
  }

  /** What it concerns: a channel, a state variable, a loop phase, a command's origin (null: none). */
  public EventDraft subject(String subject) {
    this.subject = subject != null ? subject : "";
    return this;
  }

  /** What the runtime did. */
  public EventDraft response(Response response) {
    this.response = response;
    return this;
  }

  /** The offending value (a reading, a duration in ms). */
  public EventDraft value(double value) {
    this.value = value;
    return this;
  }

  /** The limit the value was held against. */
  public EventDraft limit(double limit) {
    this.limit = limit;
    return this;
  }

  /** A count (overruns in a burst, ladder rung index). */
  public EventDraft count(long count) {
    this.count = count;
    return this;
  }

  /** A short addition (a reason, an exception message; null: none). */
  public EventDraft detail(String detail) {
    this.detail = detail != null ? detail : "";
    return this;
  }
}
