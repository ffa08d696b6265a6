package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A bound on one state variable that the safety supervisor watches.
 *
 * @param variable name of a state variable
 * @param min      lowest allowed value
 * @param max      highest allowed value
 * @param reaction what the supervisor does when the bound is crossed
 */
public record EnvelopeBound(
    @JsonProperty(required = true) @JsonPropertyDescription("Name of a state variable") String variable,
    @JsonPropertyDescription("Lowest allowed value") Double min,
    @JsonPropertyDescription("Highest allowed value") Double max,
    @JsonPropertyDescription("What the supervisor does when the bound is crossed") Reaction reaction) {

  public EnvelopeBound {
    min = min != null ? min : Double.NEGATIVE_INFINITY;
    max = max != null ? max : Double.POSITIVE_INFINITY;
    reaction = reaction != null ? reaction : Reaction.SAFE_STOP;
  }
}
