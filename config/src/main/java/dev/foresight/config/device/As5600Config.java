package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import tools.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;

/**
 * AS5600 12-bit magnetic angle encoder. Channel: {@code angle} (rad).
 *
 * @param name         device name
 * @param bus          I2C bus, or null for the default bus
 * @param address      I2C address (fixed at 0x36 on the chip)
 * @param zeroOffsetRad angle reported as zero, in the sensor's own frame
 * @param direction    which rotation counts positive, seen from the magnet side
 * @param required     whether the robot cannot run without it
 */
@JsonTypeName("as5600")
public record As5600Config(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class)
    @JsonPropertyDescription("I2C address; the AS5600 is fixed at 0x36") Integer address,
    @JsonPropertyDescription("Sensor angle reported as zero, rad") Double zeroOffsetRad,
    @JsonPropertyDescription("Rotation that counts positive, seen from the magnet side") Direction direction,
    Boolean required) implements I2cDeviceConfig {

  public As5600Config {
    address = address != null ? address : 0x36;
    zeroOffsetRad = zeroOffsetRad != null ? zeroOffsetRad : 0.0;
    direction = direction != null ? direction : Direction.CCW;
    required = required != null ? required : true;
  }

  @Override
  public java.util.List<String> channels() {
    return java.util.List.of("angle");
  }


  /** The AS5600 as a device type: no checks beyond the I2C ones; the emulation takes magnet faults. */
  public static final class Type implements DeviceType<As5600Config> {

    @Override
    public Class<As5600Config> config() {
      return As5600Config.class;
    }

    @Override
    public SimRules sim() {
      return SimRules.faults(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT, SimFaultKind.STUCK, SimFaultKind.NAN,
          SimFaultKind.MAGNET_MISSING, SimFaultKind.MAGNET_WEAK, SimFaultKind.MAGNET_STRONG));
    }
  }
}
