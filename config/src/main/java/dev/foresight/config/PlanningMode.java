package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the planner runs relative to the control loop's tick. */
public enum PlanningMode {
  /** Inside the tick, stopped at its time budget. */
  INLINE("inline"),
  /** On its own thread; the tick applies the freshest plan, shifted by the ticks since. */
  ASYNC("async");

  private final String id;

  PlanningMode(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
