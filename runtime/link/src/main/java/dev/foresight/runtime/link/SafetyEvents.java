package dev.foresight.runtime.link;

import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.time.Clock;
import java.util.function.Consumer;

/**
 * The loop's safety events (arming, stops, faults, ladder steps, fallback, watchdog, overruns) as
 * the link publishes them on {@code events}: one subscription to the robot's {@link EventLog}, so
 * nothing the supervisor reports is missed (a ring that overflowed says how many were lost).
 */
public final class SafetyEvents implements EventSource {

  private final EventLog.Subscription subscription;
  private final SafetySupervisor safety;
  private final Clock clock;
  private long reportedLost;

  /** Follows {@code events} from the oldest still in the log (so start-up events are published too). */
  public SafetyEvents(EventLog events, SafetySupervisor safety, Clock clock) {
    this.subscription = events.subscribeFromOldest();
    this.safety = safety;
    this.clock = clock;
  }

  @Override
  public int drain(Consumer<LinkEvent> sink, int limit) {
    int n = subscription.poll(e -> sink.accept(toLinkEvent(e)), limit);
    long lost = subscription.lost();
    if (lost > reportedLost && n < limit) {
      sink.accept(new LinkEvent(clock.epochMillis(), "warning", (lost - reportedLost)
          + " safety events were lost before they could be published (event log overflow)", "none",
          safety.mode().id()));
      reportedLost = lost;
      n++;
    }
    return n;
  }

  private LinkEvent toLinkEvent(Event e) {
    return new LinkEvent(e.epochMs(), e.severity().id(), e.message(), e.response().id(), safety.mode().id());
  }

  /** What a mode means for the outputs, in the words events and acks use. */
  static String reaction(Mode mode) {
    return switch (mode) {
      case ARMED -> "controller drives the outputs";
      case DISARMED -> "outputs held at their safe values";
      case SAFE_STOP, ESTOP -> "outputs safe; latched until reset, then arm";
    };
  }
}
