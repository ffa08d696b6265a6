package dev.foresight.config.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every {@link DeviceType} on the class path, in class-path order (the config module's own
 * types in the order of its services file: as5600, mpu6050, pca9685, hbridge, quadrature_encoder,
 * ina219, ads1115, gpio_input). Loaded once, with the class loader that loaded the config module:
 * a robot's device types live on its class path, not in a plugin folder.
 */
public final class DeviceTypes {

  private static final Map<Class<?>, DeviceType<?>> BY_CONFIG = load();

  private DeviceTypes() {}

  private static Map<Class<?>, DeviceType<?>> load() {
    Map<Class<?>, DeviceType<?>> byConfig = new LinkedHashMap<>();
    Map<String, DeviceType<?>> byId = new LinkedHashMap<>();
    for (DeviceType<?> type : ServiceLoader.load(DeviceType.class, DeviceType.class.getClassLoader())) {
      DeviceType<?> sameId = byId.putIfAbsent(type.id(), type);
      if (sameId != null) {
        throw new IllegalStateException("device type '" + type.id() + "' is declared twice: by "
            + sameId.getClass().getName() + " and " + type.getClass().getName());
      }
      byConfig.put(type.config(), type);
    }
    return Collections.unmodifiableMap(byConfig);
  }

  /** Every type, in class-path order. */
  public static List<DeviceType<?>> all() {
    return List.copyOf(BY_CONFIG.values());
  }

  /** The YAML {@code type} names, in class-path order. */
  public static List<String> ids() {
    return BY_CONFIG.values().stream().map(DeviceType::id).toList();
  }

  /** The type of a device record. */
  @SuppressWarnings("unchecked")
  public static <C extends DeviceConfig> DeviceType<C> of(C device) {
    DeviceType<?> type = BY_CONFIG.get(device.getClass());
    if (type == null) {
      throw new IllegalArgumentException(device.getClass().getName() + " has no DeviceType on the class path");
    }
    return (DeviceType<C>) type;
  }
}
