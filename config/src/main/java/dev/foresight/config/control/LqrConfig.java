package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Linear state feedback {@code u = -K (x - target)}, with angle errors taken the short way round
 * for wrapped state variables and the result clipped to the action limits. The gain comes from an
 * LQR design done offline (or by hand); rows follow the action vector, columns the state vector.
 *
 * @param gain   K, one row per action variable, one column per state variable
 * @param target state the controller regulates to; empty means all zeros
 */
@JsonTypeName("lqr")
public record LqrConfig(
    @JsonProperty(required = true)
        @JsonPropertyDescription("Gain matrix K: one row per action variable, one column per state variable")
        List<List<Double>> gain,
    @JsonPropertyDescription("State to regulate to, one value per state variable; empty means zeros")
        List<Double> target) implements ControllerConfig {

  public LqrConfig {
    gain = gain != null ? gain.stream().map(List::copyOf).toList() : List.of();
    target = target != null ? List.copyOf(target) : List.of();
  }
}
