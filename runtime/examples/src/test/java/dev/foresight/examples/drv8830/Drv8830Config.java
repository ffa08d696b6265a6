package dev.foresight.examples.drv8830;

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
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * TI DRV8830 motor driver on I2C: an H-bridge with a regulated output voltage, 0.48..5.06 V.
 * Command: volts, signed. Target it as {@code target: <name>}.
 *
 * @param name     device name
 * @param bus      I2C bus, or null for the default bus
 * @param address  0x60..0x68 by the A0/A1 pins
 * @param brake    true: short the motor when stopped; false: leave it open (coast)
 * @param required whether the robot cannot run without it
 */
@JsonTypeName("drv8830")
public record Drv8830Config(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class) Integer address,
    Boolean brake,
    Boolean required) implements I2cDeviceConfig {

  public Drv8830Config {
    address = address != null ? address : 0x60;
    brake = brake != null ? brake : true;
    required = required != null ? required : true;
  }

  @Override
  public List<String> outputs() {
    return List.of("");
  }

  /** The DRV8830 as a device type: its nine addresses; in simulation it drives a plant action. */
  public static final class Type implements DeviceType<Drv8830Config> {

    @Override
    public Class<Drv8830Config> config() {
      return Drv8830Config.class;
    }

    @Override
    public void check(Drv8830Config device, Checks checks) {
      if (device.address() < 0x60 || device.address() > 0x68) {
        checks.problem("address", Checks.hex(device.address()) + " is not a DRV8830 address (0x60..0x68)");
      }
    }

    @Override
    public SimRules sim() {
      return new SimRules(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT), true, false, Map.of());
    }
  }
}
