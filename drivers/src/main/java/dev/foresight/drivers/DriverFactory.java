package dev.foresight.drivers;

import dev.foresight.config.device.DeviceConfig;

/**
 * Builds the driver of one device type: the {@code drivers} part of a device type, matched to
 * the config's {@link dev.foresight.config.device.DeviceType} by the record class. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.foresight.drivers.DriverFactory});
 * the {@link dev.foresight.drivers.registry.DeviceRegistry} builds every device through one, so a
 * new chip edits no switch here.
 *
 * <pre>{@code
 * public static final class Factory implements DriverFactory<As5048bConfig> {
 *   public Class<As5048bConfig> config() { return As5048bConfig.class; }
 *   public Device create(As5048bConfig device, DriverContext context, Wiring wiring) {
 *     return new As5048b(device, context);
 *   }
 * }
 * }</pre>
 *
 * @param <C> the device's config record
 */
public interface DriverFactory<C extends DeviceConfig> {

  /** The config record this factory builds drivers for. */
  Class<C> config();

  /**
   * A driver for {@code device}, opening nothing yet ({@link Device#start} does). Called in
   * dependency order: the drivers of {@link DeviceConfig#dependsOn} are in {@code wiring}.
   */
  Device create(C device, DriverContext context, Wiring wiring);
}
