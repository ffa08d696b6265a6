package dev.foresight.sim.hardware;

import dev.foresight.config.device.DeviceConfig;

/**
 * Builds the emulation of one device type: the {@code sim} part of a device type, matched to the
 * config's {@link dev.foresight.config.device.DeviceType} by the record class. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.foresight.sim.hardware.EmulationFactory});
 * {@link SimHardware} emulates every device through one, so a new chip edits no switch here.
 *
 * <pre>{@code
 * public static final class Factory implements EmulationFactory<As5048bConfig> {
 *   public Class<As5048bConfig> config() { return As5048bConfig.class; }
 *   public Emulation create(As5048bConfig device, EmulationContext context) {
 *     return new As5048bEmulation(new As5048bChip(device.name(), device.address(), context.random()),
 *         context.measures("angle"));
 *   }
 * }
 * }</pre>
 *
 * @param <C> the device's config record
 */
public interface EmulationFactory<C extends DeviceConfig> {

  /** The config record this factory emulates. */
  Class<C> config();

  /**
   * The emulation of {@code device}. Called in dependency order (the emulations of
   * {@link DeviceConfig#dependsOn} exist already); an I2C chip it returns ({@link Emulation#chip()})
   * is attached to the device's bus by {@link SimHardware}.
   *
   * @throws IllegalArgumentException starting with the config key, when a binding cannot work
   */
  Emulation create(C device, EmulationContext context);
}
