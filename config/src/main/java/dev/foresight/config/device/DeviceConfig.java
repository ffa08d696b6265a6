package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A device declared in the robot config. The YAML key {@code type} selects the record, among the
 * {@link DeviceType}s on the class path ({@link DeviceTypes}):
 * <pre>{@code
 * devices:
 *   - name: pivot
 *     type: as5600
 *     address: 0x36
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DeviceConfig {

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
  default List<String> channels() {
    return List.of();
  }

  /**
   * Outputs an action variable may target: {@code ""} for the device itself ({@code target: motor}),
   * otherwise {@code <device>.<output>}. Empty for devices that only sense.
   */
  default List<String> outputs() {
    return List.of();
  }

  /** GPIO pins (BCM numbering) this device uses, for conflict checks. */
  default List<Integer> pins() {
    return List.of();
  }

  /**
   * Outputs of other devices this one is wired to, as action targets name them (an H-bridge's
   * {@code motor_pwm.0}): no action may target them directly.
   */
  default List<String> usesOutputs() {
    return List.of();
  }

  /**
   * Devices this one needs built first (an H-bridge needs its PWM chip and current sensor): drivers
   * and emulations are created in that order ({@link #inDependencyOrder}).
   */
  default List<String> dependsOn() {
    return List.of();
  }

  /**
   * {@code devices} in rounds: first those that depend on none, in config order, then those whose
   * dependencies came in an earlier round, and so on. Devices left over (depending on a device not
   * declared, which the validator reports) come last.
   */
  static List<DeviceConfig> inDependencyOrder(List<DeviceConfig> devices) {
    List<DeviceConfig> order = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (order.size() < devices.size()) {
      List<DeviceConfig> round = devices.stream()
          .filter(d -> !placed.contains(d.name()) && placed.containsAll(d.dependsOn())).toList();
      if (round.isEmpty()) {
        devices.stream().filter(d -> !placed.contains(d.name())).forEach(order::add);
        break;
      }
      order.addAll(round);
      round.forEach(d -> placed.add(d.name()));
    }
    return List.copyOf(order);
  }
}
