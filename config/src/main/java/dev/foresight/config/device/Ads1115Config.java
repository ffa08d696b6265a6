package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import tools.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.Checks;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;
import java.util.List;

/**
 * ADS1115 16-bit ADC, single-ended inputs. Channels: {@code ain0}..{@code ain3} in volts, each also
 * scaled as {@code scale * volts + offset} (e.g. a potentiometer to radians).
 *
 * @param name       device name
 * @param bus        I2C bus, or null for the default bus
 * @param address    0x48..0x4B by the ADDR pin
 * @param fullScaleV programmable-gain full scale: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 V
 * @param scale      units per volt for the scaled value
 * @param offset     offset added after scaling
 * @param required   whether the robot cannot run without it
 */
@JsonTypeName("ads1115")
public record Ads1115Config(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class)
    @JsonPropertyDescription("0x48..0x4B set by the ADDR pin") Integer address,
    @JsonPropertyDescription("Full scale in V: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256") Double fullScaleV,
    @JsonPropertyDescription("Units per volt (e.g. rad/V for a potentiometer)") Double scale,
    @JsonPropertyDescription("Offset added after scaling") Double offset,
    Boolean required) implements I2cDeviceConfig {

  public Ads1115Config {
    address = address != null ? address : 0x48;
    fullScaleV = fullScaleV != null ? fullScaleV : 4.096;
    scale = scale != null ? scale : 1.0;
    offset = offset != null ? offset : 0.0;
    required = required != null ? required : true;
  }

  @Override
  public java.util.List<String> channels() {
    return java.util.List.of("ain0", "ain1", "ain2", "ain3");
  }


  /** The ADS1115 as a device type: one of its six gain ranges, a finite scale and offset. */
  public static final class Type implements DeviceType<Ads1115Config> {

    private static final List<Double> FULL_SCALES_V = List.of(6.144, 4.096, 2.048, 1.024, 0.512, 0.256);

    @Override
    public Class<Ads1115Config> config() {
      return Ads1115Config.class;
    }

    @Override
    public void check(Ads1115Config a, Checks checks) {
      if (FULL_SCALES_V.stream().noneMatch(s -> Math.abs(s - a.fullScaleV()) < 1e-9)) {
        checks.problem("full_scale_v", Checks.number(a.fullScaleV()) + " is not an ADS1115 range; use one of "
            + "6.144, 4.096, 2.048, 1.024, 0.512, 0.256");
      }
      checks.finite("scale", a.scale());
      checks.finite("offset", a.offset());
    }

    @Override
    public SimRules sim() {
      return SimRules.faults(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT, SimFaultKind.STUCK, SimFaultKind.NAN));
    }
  }
}
