package dev.foresight.runtime.events;

import dev.foresight.config.Reaction;
import java.util.Locale;

/** What the runtime did about an {@link Event}. */
public enum Response {
  /** Nothing changed at the outputs. */
  NONE,
  /** Alert only; actions pass. */
  WARN,
  /** The last good command is held. */
  HOLD,
  /** The fallback controller drives the actuators. */
  FALLBACK,
  /** The primary controller drives the actuators again. */
  PRIMARY,
  /** Outputs safe, latched until reset and arm. */
  SAFE_STOP,
  /** Outputs safe, e-stop latched until reset and arm. */
  ESTOP,
  /** Outputs were put in their safe state (shutdown). */
  OUTPUTS_SAFE,
  /** A command was refused. */
  REFUSED;

  /** Lowercase name for JSON and logs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The response that carries out a configured ladder reaction. */
  public static Response of(Reaction reaction) {
    return switch (reaction) {
      case WARN -> WARN;
      case HOLD -> HOLD;
      case FALLBACK -> FALLBACK;
      case SAFE_STOP -> SAFE_STOP;
    };
  }
}
