package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Soft bound on a state or action variable: an exterior barrier
 * {@code weight * (max(0, x - max)^2 + max(0, min - x)^2)} at every step. Zero inside the bounds,
 * growing quadratically outside, so sampled plans are pushed back without ever being undefined.
 *
 * @param variable state or action variable
 * @param min      lower bound (absent: none)
 * @param max      upper bound (absent: none)
 * @param weight   weight of the squared violation
 */
@JsonTypeName("soft_bound")
public record SoftBoundCost(
    @JsonProperty(required = true) @JsonPropertyDescription("State or action variable") String variable,
    @JsonPropertyDescription("Lower bound; absent means none") Double min,
    @JsonPropertyDescription("Upper bound; absent means none") Double max,
    @JsonPropertyDescription("Weight of the squared violation") Double weight) implements CostTermConfig {

  public SoftBoundCost {
    min = min != null ? min : Double.NEGATIVE_INFINITY;
    max = max != null ? max : Double.POSITIVE_INFINITY;
    weight = weight != null ? weight : 100.0;
  }
}
