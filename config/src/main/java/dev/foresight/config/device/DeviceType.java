package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.foresight.config.Checks;

/**
 * One kind of device a robot config can declare, as the config module knows it: the record its
 * YAML {@code type} binds to, the checks of that record's values beyond what types express, and
 * what the simulator accepts for it under {@code sim.devices} and {@code sim.faults}. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.foresight.config.device.DeviceType}),
 * so adding a chip edits no list here; its driver ({@code drivers}) and emulation ({@code sim})
 * are found the same way, by the record class.
 *
 * <pre>{@code
 * @JsonTypeName("as5048b")
 * public record As5048bConfig(@JsonProperty(required = true) String name, Integer bus, Integer address,
 *     Boolean required) implements I2cDeviceConfig {
 *   public static final class Type implements DeviceType<As5048bConfig> {
 *     public Class<As5048bConfig> config() { return As5048bConfig.class; }
 *     public void check(As5048bConfig d, Checks checks) { ... }
 *   }
 * }
 * }</pre>
 *
 * @param <C> the config record, annotated with its YAML {@code type} ({@link JsonTypeName})
 */
public interface DeviceType<C extends DeviceConfig> {

  /** The record a device of this type binds to. */
  Class<C> config();

  /** The YAML {@code type}: the record's {@link JsonTypeName}. */
  default String id() {
    JsonTypeName name = config().getAnnotation(JsonTypeName.class);
    if (name == null) {
      throw new IllegalStateException(config().getName() + " needs @JsonTypeName with its YAML type");
    }
    return name.value();
  }

  /**
   * Checks what the record's types cannot: ranges, allowed values, references to other devices.
   * Keys are relative to the device ({@code checks.range("frequency_hz", ...)}). Runs once at load,
   * after the checks every device gets (name, pins, I2C bus and address).
   */
  default void check(C device, Checks checks) {}

  /** What the simulator's emulation of this type accepts; nothing by default. */
  default SimRules sim() {
    return SimRules.NONE;
  }
}
