package dev.foresight.runtime.events;

import java.util.Locale;

/** How much an {@link Event} matters to an operator, least first. */
public enum Severity {
  /** Something happened as asked (armed, reset, recovered). */
  INFO,
  /** Degraded but running (a warning rung of the failsafe ladder, a late plan, an overrun burst). */
  WARNING,
  /** The robot is not doing what it should (holding, on the fallback controller, a refused command). */
  ERROR,
  /** Outputs were forced safe (safe stop, e-stop, watchdog). */
  CRITICAL;

  /** Lowercase name for JSON and logs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
