package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the safety supervisor does about a fault, mildest first. */
public enum Reaction {
  /** Raise an alert, keep going. */
  WARN("warn"),
  /** Keep applying the last safe command. */
  HOLD("hold"),
  /** Switch to the fallback controller. */
  FALLBACK("fallback"),
  /** Put every actuator in its safe state and latch until reset. */
  SAFE_STOP("safe_stop");

  private final String id;

  Reaction(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
