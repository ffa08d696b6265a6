package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * PID control, one loop per driven action variable; actions without a loop get their safe value.
 * Made for fallback use (simple, model-free, predictable) but usable as the main controller.
 *
 * <pre>{@code
 * safety:
 *   fallback:
 *     type: pid
 *     loops:
 *       - {action: voltage, state: theta, rate: theta_dot, target: 0.0, kp: 40, ki: 2, kd: 4}
 * }</pre>
 *
 * @param loops one PID loop per driven action variable
 */
@JsonTypeName("pid")
public record PidConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("One PID loop per driven action variable")
        List<PidLoop> loops) implements ControllerConfig {

  public PidConfig {
    loops = loops != null ? List.copyOf(loops) : List.of();
  }
}
