package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Penalty on ensemble disagreement: {@code weight * sum_s var_members(x_s)} at every step, the
 * variance of the members' predictions of each state variable. Steers plans away from states the
 * world model has not learned well. Needs an ensemble model ({@code next_state_members} output).
 *
 * @param weight weight of the summed variance
 */
@JsonTypeName("disagreement")
public record DisagreementCost(
    @JsonPropertyDescription("Weight of the members' summed prediction variance") Double weight)
    implements CostTermConfig {

  public DisagreementCost {
    weight = weight != null ? weight : 1.0;
  }
}
