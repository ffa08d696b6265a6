package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a planner imagines futures with. */
public enum WorldModelSource {
  /** The ONNX world model of the config's {@code model} section. */
  ONNX("onnx"),
  /** The simulator's own plant (ground truth, an upper bound; {@code hardware.platform: sim} only). */
  SIMULATOR("simulator");

  private final String id;

  WorldModelSource(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
