package dev.foresight.runtime.events;

/**
 * A persistent alert: one condition (a cause about a subject) and its history, kept after the
 * condition clears until a reset acknowledges it.
 *
 * @param cause        why
 * @param subject      what it concerns (channel, variable, origin), or empty
 * @param severity     the worst severity seen
 * @param active       whether the condition still holds
 * @param count        events about this condition
 * @param firstEpochMs when it was first raised
 * @param lastEpochMs  when it last changed
 * @param response     the runtime's latest response
 * @param message      the latest event's message
 */
public record Alert(Cause cause, String subject, Severity severity, boolean active, long count, long firstEpochMs,
    long lastEpochMs, Response response, String message) {}
