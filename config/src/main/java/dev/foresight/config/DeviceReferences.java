package dev.foresight.config;

import dev.foresight.config.device.DeviceConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Checks that state sources name a sensor channel and action targets an output the device really
 * has ({@code pivot.angle}, {@code motor}, {@code motor_pwm.3}); that a device exists at all is
 * {@link ConfigValidator}'s check.
 */
final class DeviceReferences {

  private DeviceReferences() {}

  static void source(RobotConfig config, String at, String reference, BiConsumer<String, String> problem) {
    int dot = reference.indexOf('.');
    String deviceName = dot < 0 ? reference : reference.substring(0, dot);
    Optional<DeviceConfig> found = config.device(deviceName);
    if (deviceName.equals(ConfigValidator.PLANT) || found.isEmpty()) return;
    DeviceConfig device = found.get();
    List<String> channels = device.channels();
    if (channels.isEmpty()) {
      problem.accept(at, "device '" + deviceName + "' is " + Checks.article(device.type())
          + ", which has no sensor channels");
    } else if (dot < 0) {
      problem.accept(at, "'" + reference + "' names a device; a source needs a channel, e.g. " + deviceName + "."
          + channels.getFirst());
    } else {
      String channel = reference.substring(dot + 1);
      if (!channels.contains(channel)) {
        problem.accept(at, device.type() + " '" + deviceName + "' has no channel '" + channel + "'"
            + Suggestions.hint(channel, channels) + "; it has " + String.join(", ", channels));
      }
    }
  }

  static void target(RobotConfig config, String at, String reference, BiConsumer<String, String> problem) {
    int dot = reference.indexOf('.');
    String deviceName = dot < 0 ? reference : reference.substring(0, dot);
    Optional<DeviceConfig> found = config.device(deviceName);
    if (deviceName.equals(ConfigValidator.PLANT) || found.isEmpty()) return;
    DeviceConfig device = found.get();
    List<String> outputs = device.outputs();
    String output = dot < 0 ? "" : reference.substring(dot + 1);
    if (outputs.isEmpty()) {
      problem.accept(at, "device '" + deviceName + "' is " + Checks.article(device.type())
          + ", which takes no commands");
    } else if (outputs.equals(List.of(""))) {
      if (!output.isEmpty()) {
        problem.accept(at, device.type() + " '" + deviceName + "' takes commands itself; use target: " + deviceName);
      }
    } else if (output.isEmpty()) {
      problem.accept(at, device.type() + " '" + deviceName + "' needs an output, e.g. " + deviceName + "."
          + outputs.getFirst());
    } else if (!outputs.contains(output)) {
      problem.accept(at, "'" + output + "' is not an output of " + device.type() + " '" + deviceName + "' ("
          + outputs.getFirst() + ".." + outputs.getLast() + ")");
    } else {
      for (DeviceConfig other : config.devices()) {
        if (other.usesOutputs().contains(reference)) {
          problem.accept(at, reference + " already drives " + other.type() + " '" + other.name() + "'; target the "
              + other.type() + " instead");
        }
      }
    }
    for (int i = 0; i < config.action().size(); i++) {
      String path = "action[" + i + "].target";
      if (path.equals(at)) break;
      if (config.action().get(i).target().equals(reference)) {
        problem.accept(at, reference + " is already the target of " + path);
      }
    }
  }
}
