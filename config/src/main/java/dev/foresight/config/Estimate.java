package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a state variable is estimated from its source channel. */
public enum Estimate {
  /** The source value itself. */
  DIRECT("direct"),
  /** The filtered time derivative of the source (e.g. angular velocity from an angle). */
  RATE("rate");

  private final String id;

  Estimate(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
