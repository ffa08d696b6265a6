package dev.foresight.examples.as5048b;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.foresight.config.Checks;
import dev.foresight.config.device.DeviceType;
import dev.foresight.config.device.I2cAddressDeserializer;
import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.config.device.SimRules;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * AMS AS5048B 14-bit magnetic angle sensor on I2C. Channel: {@code angle} (rad).
 *
 * @param name          device name
 * @param bus           I2C bus, or null for the default bus
 * @param address       0x40..0x43 by the A1/A2 pins
 * @param zeroOffsetRad sensor angle reported as zero
 * @param required      whether the robot cannot run without it
 */
@JsonTypeName("as5048b")
public record As5048bConfig(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class) Integer address,
    Double zeroOffsetRad,
    Boolean required) implements I2cDeviceConfig {

  public As5048bConfig {
    address = address != null ? address : 0x40;
    zeroOffsetRad = zeroOffsetRad != null ? zeroOffsetRad : 0.0;
    required = required != null ? required : true;
  }

  @Override
  public List<String> channels() {
    return List.of("angle");
  }

  /** The AS5048B as a device type: its four addresses; the emulation takes bus and data faults. */
  public static final class Type implements DeviceType<As5048bConfig> {

    @Override
    public Class<As5048bConfig> config() {
      return As5048bConfig.class;
    }

    @Override
    public void check(As5048bConfig device, Checks checks) {
      if (device.address() < 0x40 || device.address() > 0x43) {
        checks.problem("address", Checks.hex(device.address()) + " is not an AS5048B address (0x40..0x43)");
      }
      checks.finite("zero_offset_rad", device.zeroOffsetRad());
    }

    @Override
    public SimRules sim() {
      return SimRules.faults(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT, SimFaultKind.STUCK, SimFaultKind.NAN));
    }
  }
}
