package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonValue;

/** Rotation sense that counts positive. */
public enum Direction {
  /** Counter-clockwise positive. */
  CCW("ccw"),
  /** Clockwise positive. */
  CW("cw");

  private final String id;

  Direction(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
