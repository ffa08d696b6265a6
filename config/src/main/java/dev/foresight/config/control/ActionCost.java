package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Quadratic action penalty {@code weight * (u - target)^2} at every step (effort, energy).
 *
 * @param variable action variable
 * @param target   action value that costs nothing
 * @param weight   weight per step
 */
@JsonTypeName("action")
public record ActionCost(
    @JsonProperty(required = true) @JsonPropertyDescription("Action variable") String variable,
    @JsonPropertyDescription("Action value that costs nothing") Double target,
    @JsonPropertyDescription("Weight of the squared action at every step") Double weight) implements CostTermConfig {

  public ActionCost {
    target = target != null ? target : 0.0;
    weight = weight != null ? weight : 1.0;
  }
}
