package dev.foresight.runtime.link;

import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.time.Clock;
import java.util.function.Consumer;

/**
 * Derives events from the safety supervisor: each time its mode differs from the last look, one
 * event says what it is now and why. Polled by the network thread, so a change that is undone
 * between two polls (a few milliseconds) is not seen; the loop's own event log, when connected,
 * reports every transition.
 */
public final class ModeEvents implements EventSource {

  private final SafetySupervisor safety;
  private final Clock clock;
  private Mode last;

  /** Watches {@code safety}; the first poll reports the starting mode. */
  public ModeEvents(SafetySupervisor safety, Clock clock) {
    this.safety = safety;
    this.clock = clock;
  }

  @Override
  public int drain(Consumer<LinkEvent> sink, int limit) {
    Mode mode = safety.mode();
    if (mode == last || limit < 1) return 0;
    String reason = safety.reason();
    String cause = last == null ? "started " + mode.id() : (last.id() + " -> " + mode.id());
    if (!reason.isEmpty()) cause += ": " + reason;
    last = mode;
    sink.accept(new LinkEvent(clock.epochMillis(), severity(mode), cause, reaction(mode), mode.id()));
    return 1;
  }

  static String severity(Mode mode) {
    return switch (mode) {
      case ESTOP -> "critical";
      case SAFE_STOP -> "error";
      case ARMED, DISARMED -> "info";
    };
  }

  static String reaction(Mode mode) {
    return switch (mode) {
      case ARMED -> "controller drives the outputs";
      case DISARMED -> "outputs held at their safe values";
      case SAFE_STOP, ESTOP -> "outputs safe; latched until reset, then arm";
    };
  }
}
