package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Action-rate penalty {@code weight * (u_t - u_{t-1})^2}; at the first step {@code u_{t-1}} is the
 * action applied on the previous tick. Smooths commands (less wear, less chatter).
 *
 * @param variable action variable
 * @param weight   weight per step
 */
@JsonTypeName("action_rate")
public record ActionRateCost(
    @JsonProperty(required = true) @JsonPropertyDescription("Action variable") String variable,
    @JsonPropertyDescription("Weight of the squared change between steps") Double weight) implements CostTermConfig {

  public ActionRateCost {
    weight = weight != null ? weight : 1.0;
  }
}
