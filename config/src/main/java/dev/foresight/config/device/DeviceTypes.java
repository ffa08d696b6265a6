package dev.foresight.config.device;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every {@link DeviceType} on the class path, in class-path order (the config module's own
 * types in the order of its services file: as5600, mpu6050, pca9685, hbridge, quadrature_encoder,
 * ina219, ads1115, gpio_input). Loaded once.
 */
public final class DeviceTypes {

  @SuppressWarnings("rawtypes")
  private static final ByRecord<DeviceType> TYPES = ByRecord.load(DeviceType.class, DeviceType::config);

  static {
    Set<String> ids = new HashSet<>();
    for (DeviceType<?> type : all()) {
      if (!ids.add(type.id())) throw new IllegalStateException("device type '" + type.id() + "' is declared twice");
    }
  }

  private DeviceTypes() {}

  /** Every type, in class-path order. */
  public static List<DeviceType<?>> all() {
    return TYPES.all().stream().<DeviceType<?>>map(type -> type).toList();
  }

  /** The YAML {@code type} names, in class-path order. */
  public static List<String> ids() {
    return all().stream().map(DeviceType::id).toList();
  }

  /** The type of a device record. */
  @SuppressWarnings("unchecked")
  public static <C extends DeviceConfig> DeviceType<C> of(C device) {
    return (DeviceType<C>) TYPES.find(device).orElseThrow(() -> new IllegalArgumentException(
        device.getClass().getName() + " has no DeviceType on the class path"));
  }
}
