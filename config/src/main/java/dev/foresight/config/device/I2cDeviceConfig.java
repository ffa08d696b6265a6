package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A device on an I2C bus: the validator checks its bus and address, the simulator attaches its chip there. */
// The type annotation repeats DeviceConfig's: the schema generator looks for it one interface up only.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface I2cDeviceConfig extends DeviceConfig {

  /** I2C bus number ({@code /dev/i2c-N}); null in the file means {@code hardware.default_bus}. */
  Integer bus();

  /** 7-bit I2C address, 0x03..0x77. */
  Integer address();
}
