package dev.foresight.drivers;

import dev.foresight.config.RobotConfig;
import java.util.Map;

/**
 * What a {@link DriverFactory} may use beyond its own device: the robot config (which channels
 * state variables read, the unit of the action a device takes) and the drivers built before it
 * (the devices its config {@linkplain dev.foresight.config.device.DeviceConfig#dependsOn depends on}).
 *
 * @param robot the validated robot config
 * @param built the drivers built so far, by device name
 */
public record Wiring(RobotConfig robot, Map<String, Device> built) {

  /**
   * The driver of a device built earlier.
   *
   * @throws IllegalArgumentException when there is none of that name and type (the device was not
   *                                  declared as a dependency, or the validator let through a wrong type)
   */
  public <T extends Device> T device(String name, Class<T> type) {
    Device device = built.get(name);
    if (!type.isInstance(device)) {
      throw new IllegalArgumentException("no " + type.getSimpleName() + " named '" + name + "' built before this device");
    }
    return type.cast(device);
  }
}
