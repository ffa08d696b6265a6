package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import tools.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.Checks;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;
import java.util.Map;

/**
 * INA219 current and voltage monitor. Channels: {@code bus_voltage} (V), {@code current} (A),
 * {@code power} (W).
 *
 * @param name        device name
 * @param bus         I2C bus, or null for the default bus
 * @param address     0x40..0x4F by the A0/A1 pins
 * @param shuntOhms   shunt resistor value
 * @param maxCurrentA largest expected current, sets the calibration (current LSB)
 * @param required    whether the robot cannot run without it
 */
@JsonTypeName("ina219")
public record Ina219Config(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class)
    @JsonPropertyDescription("0x40..0x4F set by the A0/A1 pins") Integer address,
    @JsonPropertyDescription("Shunt resistor in ohm (0.1 on most breakout boards)") Double shuntOhms,
    @JsonPropertyDescription("Largest expected current in A; sets the calibration") Double maxCurrentA,
    Boolean required) implements I2cDeviceConfig {

  public Ina219Config {
    address = address != null ? address : 0x40;
    shuntOhms = shuntOhms != null ? shuntOhms : 0.1;
    maxCurrentA = maxCurrentA != null ? maxCurrentA : 3.2;
    required = required != null ? required : false;
  }

  @Override
  public java.util.List<String> channels() {
    return java.util.List.of("bus_voltage", "current", "power");
  }


  /** The INA219 as a device type; in simulation the chip computes power itself. */
  public static final class Type implements DeviceType<Ina219Config> {

    @Override
    public Class<Ina219Config> config() {
      return Ina219Config.class;
    }

    @Override
    public void check(Ina219Config n, Checks checks) {
      checks.positive("shunt_ohms", n.shuntOhms(), "ohm");
      checks.positive("max_current_a", n.maxCurrentA(), "A");
    }

    @Override
    public SimRules sim() {
      return new SimRules(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT, SimFaultKind.STUCK, SimFaultKind.NAN),
          false, false, Map.of("power", "the chip computes power from bus voltage and current; bind those instead"));
    }
  }
}
