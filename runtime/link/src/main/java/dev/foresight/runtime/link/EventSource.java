package dev.foresight.runtime.link;

import java.util.function.Consumer;

/**
 * Where the link gets events from. The network thread drains every source each cycle, with a
 * limit, into its bounded outbox; sources must never make their producers wait.
 *
 * <p>The sources are {@link SafetyEvents} (the loop's event log: arming, stops, faults, fallback,
 * watchdog) and the link's own {@link EventQueue} (commands received).
 */
@FunctionalInterface
public interface EventSource {

  /** Hands at most {@code limit} pending events to {@code sink}; returns how many it handed. */
  int drain(Consumer<LinkEvent> sink, int limit);
}
