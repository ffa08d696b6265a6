package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * One term of a planner's cost, on named state or action variables. Every term adds into one cost
 * per sampled action sequence; the planner prefers sequences with lower total cost. The YAML key
 * {@code type} selects the term:
 * <pre>{@code
 * cost:
 *   - {type: track, variable: theta, weight: 1.0, terminal_weight: 5.0}
 *   - {type: action, variable: torque, weight: 0.001}
 *   - {type: soft_bound, variable: theta_dot, min: -8, max: 8, weight: 10}
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(TrackCost.class), @JsonSubTypes.Type(ActionCost.class),
    @JsonSubTypes.Type(ActionRateCost.class), @JsonSubTypes.Type(SoftBoundCost.class),
    @JsonSubTypes.Type(DisagreementCost.class)})
public sealed interface CostTermConfig permits TrackCost, ActionCost, ActionRateCost, SoftBoundCost, DisagreementCost {

  /** The YAML {@code type} of this term. */
  default String type() {
    return getClass().getAnnotation(JsonTypeName.class).value();
  }
}
