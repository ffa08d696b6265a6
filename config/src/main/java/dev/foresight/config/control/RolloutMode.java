package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a planner evaluates its sampled action sequences on an ONNX world model. */
public enum RolloutMode {
  /** Fused when the model allows it (the faster, measured in docs/benchmarks.md), else stepwise. */
  AUTO("auto"),
  /** One generated ONNX graph with the whole horizon and the cost: one call per plan iteration. */
  FUSED("fused"),
  /** One world-model call per horizon step for all samples; cost computed in Java. */
  STEPWISE("stepwise");

  private final String id;

  RolloutMode(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
