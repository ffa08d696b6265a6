package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The controller that turns the state estimate into an action. The YAML key {@code type} selects
 * the record:
 * <pre>{@code
 * controller:
 *   type: swingup
 *   angle: theta
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(SwingUpConfig.class), @JsonSubTypes.Type(LqrConfig.class),
    @JsonSubTypes.Type(MppiConfig.class), @JsonSubTypes.Type(CemConfig.class), @JsonSubTypes.Type(PidConfig.class)})
public sealed interface ControllerConfig permits SwingUpConfig, LqrConfig, SampledPlannerConfig, PidConfig {

  /** The YAML {@code type} of this controller. */
  default String type() {
    return getClass().getAnnotation(JsonTypeName.class).value();
  }
}
