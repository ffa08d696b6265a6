package dev.foresight.runtime.io;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.provider.Provider;
import dev.foresight.sim.hardware.SimHardware;
import java.util.List;

/**
 * The Pi4J contexts the drivers run on. Providers are named explicitly (no plugin auto-detection),
 * so what a robot talks to never depends on what happens to be on the class path:
 * <ul>
 *   <li>Raspberry Pi 4/5: I2C through {@code /dev/i2c-N} (linuxfs plugin, the I2C_RDWR ioctl),
 *       GPIO through the kernel's GPIO character device (gpiod plugin; works on the Pi 5's RP1,
 *       where the old sysfs and register-level libraries do not);</li>
 *   <li>simulation: the sim module's providers over emulated chips and lines.</li>
 * </ul>
 */
public final class Pi4jContexts {

  private Pi4jContexts() {}

  /** The providers for a Raspberry Pi 4/5 (created, not yet initialized). */
  public static List<Provider> raspberryPiProviders() {
    return List.of(LinuxFsI2CProvider.newInstance(), GpioDDigitalInputProvider.newInstance(),
        GpioDDigitalOutputProvider.newInstance());
  }

  /**
   * A context for the Raspberry Pi's I2C buses and GPIO header.
   *
   * @throws RuntimeException from Pi4J when the machine has no GPIO character device or the gpiod
   *                          native library cannot load (not a Pi)
   */
  public static Context raspberryPi() {
    return Pi4J.newContextBuilder().noAutoDetect().add(raspberryPiProviders().toArray(new Provider[0])).build();
  }

  /** A context over the simulator's emulated hardware. */
  public static Context simulated(SimHardware hardware) {
    return Pi4J.newContextBuilder().noAutoDetect().add(hardware.pi4jProviders()).build();
  }
}
