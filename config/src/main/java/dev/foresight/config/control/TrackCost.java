package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Quadratic tracking of a state variable: {@code weight * e^2} at every step and
 * {@code terminal_weight * e^2} at the end of the horizon, with {@code e = x - target}. For a
 * wrapped (angle) variable, {@code e} is taken the short way round.
 *
 * @param variable       state variable
 * @param target         value to track
 * @param weight         weight per step
 * @param terminalWeight weight on the last predicted state
 */
@JsonTypeName("track")
public record TrackCost(
    @JsonProperty(required = true) @JsonPropertyDescription("State variable to track") String variable,
    @JsonPropertyDescription("Target value, in the variable's unit") Double target,
    @JsonPropertyDescription("Weight of the squared error at every step") Double weight,
    @JsonPropertyDescription("Weight of the squared error at the end of the horizon") Double terminalWeight)
    implements CostTermConfig {

  public TrackCost {
    target = target != null ? target : 0.0;
    weight = weight != null ? weight : 1.0;
    terminalWeight = terminalWeight != null ? terminalWeight : 0.0;
  }
}
