package dev.foresight.runtime.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The robot's persistent alerts, built from events: a fault, stop or watchdog trip raises an alert
 * that stays listed (inactive once the condition clears) until a {@link EventKind#RESET} clears the
 * inactive ones. Operators see what went wrong even after it recovered.
 *
 * <p>Thread-safe; updated off the control thread (by the {@link EventPump}).
 */
public final class Alerts {

  private record Key(Cause cause, String subject) {}

  private final Map<Key, Alert> alerts = new LinkedHashMap<>();

  /** Takes one event into account. */
  public synchronized void update(Event e) {
    switch (e.kind()) {
      case FAULT, ESCALATED, ESTOP, SAFE_STOP, WATCHDOG, OVERRUN, RECORDING_STOPPED -> {
        Key key = new Key(e.cause(), e.subject());
        Alert old = alerts.get(key);
        boolean active = e.kind() != EventKind.OVERRUN;   // an overrun burst is over when reported
        Severity severity = old == null || e.severity().compareTo(old.severity()) > 0 ? e.severity() : old.severity();
        alerts.put(key, new Alert(e.cause(), e.subject(), severity, active, old == null ? 1 : old.count() + 1,
            old == null ? e.epochMs() : old.firstEpochMs(), e.epochMs(), e.response(), e.message()));
      }
      case RECOVERED -> {
        Key key = new Key(e.cause(), e.subject());
        Alert old = alerts.get(key);
        if (old != null) {
          alerts.put(key, new Alert(old.cause(), old.subject(), old.severity(), false, old.count() + 1,
              old.firstEpochMs(), e.epochMs(), e.response(), e.message()));
        }
      }
      case RESET -> {
        // A reset acknowledges what is over, and ends the latched stops it clears.
        alerts.values().removeIf(a -> !a.active() || isLatch(a.cause()));
      }
      default -> { }
    }
  }

  private static boolean isLatch(Cause cause) {
    return cause == Cause.COMMAND || cause == Cause.WATCHDOG_STALL || cause == Cause.WATCHDOG_DEADLINES
        || cause == Cause.TICK_ERROR || cause == Cause.ESTOP_INPUT;
  }

  /** The alerts, in the order they were first raised. */
  public synchronized List<Alert> list() {
    return new ArrayList<>(alerts.values());
  }

  /** Alerts whose condition still holds. */
  public synchronized List<Alert> active() {
    return alerts.values().stream().filter(Alert::active).toList();
  }
}
