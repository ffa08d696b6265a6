package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A device on an I2C bus. */
// The type annotations repeat DeviceConfig's so schema tools resolve type names one level down.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(As5600Config.class),
  @JsonSubTypes.Type(Mpu6050Config.class),
  @JsonSubTypes.Type(Pca9685Config.class),
  @JsonSubTypes.Type(Ina219Config.class),
  @JsonSubTypes.Type(Ads1115Config.class)
})
public sealed interface I2cDeviceConfig extends DeviceConfig
    permits As5600Config, Mpu6050Config, Pca9685Config, Ina219Config, Ads1115Config {

  /** I2C bus number ({@code /dev/i2c-N}); null in the file means {@code hardware.default_bus}. */
  Integer bus();

  /** 7-bit I2C address, 0x03..0x77. */
  Integer address();
}
