package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a planner's samples use an ensemble world model (one with {@code next_state_members}). */
public enum EnsembleMode {
  /**
   * Sample {@code k} follows member {@code k mod E} for the whole horizon (trajectory sampling, as
   * in PETS): plans must work under every member, which helps where the model is unsure.
   */
  MEMBERS("members"),
  /**
   * Every sample follows the members' mean prediction ({@code next_state}): the most accurate
   * prediction, better where the model is good (measured on Pendulum-v1 in docs/results.md).
   */
  MEAN("mean");

  private final String id;

  EnsembleMode(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
