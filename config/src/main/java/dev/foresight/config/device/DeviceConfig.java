package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A device declared in the robot config. The YAML key {@code type} selects the record:
 * <pre>{@code
 * devices:
 *   - name: pivot
 *     type: as5600
 *     address: 0x36
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(As5600Config.class),
  @JsonSubTypes.Type(Mpu6050Config.class),
  @JsonSubTypes.Type(Pca9685Config.class),
  @JsonSubTypes.Type(HBridgeConfig.class),
  @JsonSubTypes.Type(QuadratureEncoderConfig.class),
  @JsonSubTypes.Type(Ina219Config.class),
  @JsonSubTypes.Type(Ads1115Config.class),
  @JsonSubTypes.Type(GpioInputConfig.class)
})
public sealed interface DeviceConfig
    permits I2cDeviceConfig, HBridgeConfig, QuadratureEncoderConfig, GpioInputConfig {

  /** Unique name, referenced by state sources and action targets. */
  String name();

  /** Whether the robot cannot run without this device ({@code doctor} fails when it is missing). */
  Boolean required();

  /** The YAML {@code type} of this device. */
  default String type() {
    return getClass().getAnnotation(JsonTypeName.class).value();
  }

  /**
   * Sensor channels, in the order drivers read them: a state variable's {@code source} is
   * {@code <device>.<channel>}. Empty for devices that only take commands.
   */
  default java.util.List<String> channels() {
    return java.util.List.of();
  }

  /**
   * Outputs an action variable may target: {@code ""} for the device itself ({@code target: motor}),
   * otherwise {@code <device>.<output>}. Empty for devices that only sense.
   */
  default java.util.List<String> outputs() {
    return java.util.List.of();
  }

  /** GPIO pins (BCM numbering) this device uses, for conflict checks. */
  default java.util.List<Integer> pins() {
    return java.util.List.of();
  }
}
