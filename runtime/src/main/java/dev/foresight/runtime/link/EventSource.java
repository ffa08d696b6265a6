package dev.foresight.runtime.link;

import java.util.function.Consumer;

/**
 * Where the link gets events from. The network thread drains every source each cycle, with a
 * limit, into its bounded outbox; sources must never make their producers wait.
 *
 * <p>Today the sources are {@link ModeEvents} (mode changes seen on the supervisor) and the link's
 * own {@link EventQueue} (commands, connection). The loop's event log (from the safety rework)
 * plugs in here with a one-method adapter.
 */
@FunctionalInterface
public interface EventSource {

  /** Hands at most {@code limit} pending events to {@code sink}; returns how many it handed. */
  int drain(Consumer<LinkEvent> sink, int limit);
}
