package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;

/**
 * A digital input, such as an e-stop button or a limit switch. Channel: {@code active} (0 or 1).
 *
 * @param name      device name
 * @param pin       GPIO (BCM)
 * @param pull      internal pull resistor
 * @param activeLow true when the input reads low while active (button to ground)
 * @param required  whether the robot cannot run without it
 */
@JsonTypeName("gpio_input")
public record GpioInputConfig(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) @JsonPropertyDescription("GPIO (BCM)") Integer pin,
    @JsonPropertyDescription("Internal pull resistor: up, down or none") Pull pull,
    @JsonPropertyDescription("Active when the pin reads low (button to ground)") Boolean activeLow,
    Boolean required) implements DeviceConfig {

  public GpioInputConfig {
    pull = pull != null ? pull : Pull.UP;
    activeLow = activeLow != null ? activeLow : true;
    required = required != null ? required : true;
  }

  @Override
  public List<Integer> pins() {
    return pin != null ? List.of(pin) : List.of();
  }

  @Override
  public List<String> channels() {
    return List.of("active");
  }

  /** Internal pull resistor of an input pin. */
  public enum Pull {
    UP, DOWN, NONE;

    /** The name used in YAML. */
    @JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }


  /** The GPIO input as a device type; in simulation it can be pressed or stuck. */
  public static final class Type implements DeviceType<GpioInputConfig> {

    @Override
    public Class<GpioInputConfig> config() {
      return GpioInputConfig.class;
    }

    @Override
    public SimRules sim() {
      return SimRules.faults(EnumSet.of(SimFaultKind.STUCK, SimFaultKind.ACTIVE));
    }
  }
}
