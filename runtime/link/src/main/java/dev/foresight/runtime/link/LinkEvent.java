package dev.foresight.runtime.link;

/**
 * Something operators must hear about: a fault, a mode change, an e-stop, a refused command.
 * Published on {@code foresight/<robot>/events} (QoS 1) with a sequence number so a subscriber
 * can detect gaps and drop the duplicates an at-least-once link may deliver after a reconnect.
 *
 * @param epochMs  when it happened, epoch ms
 * @param severity {@code info}, {@code warning}, {@code error} or {@code critical}
 * @param cause    one line: what happened
 * @param reaction one line: what the robot did about it (may be empty)
 * @param mode     supervisor mode after the event, e.g. {@code estop}
 */
public record LinkEvent(long epochMs, String severity, String cause, String reaction, String mode) {}
