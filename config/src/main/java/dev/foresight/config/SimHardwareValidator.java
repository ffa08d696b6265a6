package dev.foresight.config;

import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.DeviceType;
import dev.foresight.config.device.DeviceTypes;
import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.config.device.SimRules;
import dev.foresight.config.sim.SimDeviceConfig;
import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimFaultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks the simulator's hardware section: {@code sim.devices} (bindings to plant variables,
 * noise, bias, dropouts, latency), {@code sim.supply} and {@code sim.faults}. Whether a plant
 * variable exists is checked at assembly, which knows the plant.
 */
final class SimHardwareValidator {

  private static final Pattern VARIABLE = Pattern.compile("[a-z][a-z0-9_]*");

  private final RobotConfig config;
  private final BiConsumer<String, String> problem;

  private SimHardwareValidator(RobotConfig config, BiConsumer<String, String> problem) {
    this.config = config;
    this.problem = problem;
  }

  static void validate(RobotConfig config, SimConfig sim, BiConsumer<String, String> problem) {
    SimHardwareValidator v = new SimHardwareValidator(config, problem);
    sim.devices().forEach(v::device);
    sim.supply().voltageV().ifPresent(volts -> v.positive("sim.supply.voltage_v", volts, "V"));
    v.atLeastZero("sim.supply.internal_resistance_ohm", sim.supply().internalResistanceOhm(), "ohm");
    for (int i = 0; i < sim.faults().size(); i++) v.fault("sim.faults[" + i + "]", sim.faults().get(i));
  }

  /** Checks a motor block (also used for {@code controller.motor}). */
  static void motor(String at, DcMotorConfig motor, BiConsumer<String, String> problem) {
    SimHardwareValidator v = new SimHardwareValidator(null, problem);
    v.positive(at + ".resistance_ohm", motor.resistanceOhm(), "ohm");
    v.positive(at + ".torque_constant_nm_per_a", motor.torqueConstantNmPerA(), "N m/A");
    v.positive(at + ".gear_ratio", motor.gearRatio(), "");
    if (!(motor.efficiency() > 0 && motor.efficiency() <= 1)) {
      problem.accept(at + ".efficiency", ConfigValidator.number(motor.efficiency()) + " is out of range (0..1]");
    }
    v.atLeastZero(at + ".friction_nm", motor.frictionNm(), "N m");
  }

  private void device(String name, SimDeviceConfig d) {
    String at = "sim.devices." + name;
    Optional<DeviceConfig> found = config.device(name);
    if (found.isEmpty()) {
      List<String> names = config.devices().stream().map(DeviceConfig::name).toList();
      problem.accept(at, "no device named '" + name + "'" + Suggestions.hint(name, names)
          + (names.isEmpty() ? "; declare it under devices" : ""));
      return;
    }
    DeviceConfig device = found.get();
    String type = device.type();
    SimRules rules = DeviceTypes.of(device).sim();
    d.measures().forEach((channel, variable) -> {
      String key = at + ".measures." + channel;
      if (rules.unbound().containsKey(channel)) {
        problem.accept(key, rules.unbound().get(channel));
      } else if (!device.channels().contains(channel)) {
        problem.accept(key, channelProblem(device, channel));
      } else if (variable == null || !VARIABLE.matcher(variable).matches()) {
        problem.accept(key, "'" + variable + "' is not a plant variable name, e.g. theta");
      }
    });
    if (!rules.drives() && (d.drives().isPresent() || d.speed().isPresent() || d.motor().isPresent())) {
      problem.accept(at, "drives, speed and motor are for " + String.join(", ", typesWhere(SimRules::drives))
          + " devices; '" + name + "' is " + Checks.article(type));
    }
    if (rules.drives() && d.speed().isPresent() && d.drives().isEmpty()) {
      problem.accept(at + ".speed", "only used with drives; say which plant action the motor drives");
    }
    d.motor().ifPresent(m -> motor(at + ".motor", m, problem));
    perChannel(at + ".noise", device, d.noise(), true);
    perChannel(at + ".bias", device, d.bias(), false);
    if (!(d.dropout() >= 0 && d.dropout() < 1)) {
      problem.accept(at + ".dropout", ConfigValidator.number(d.dropout()) + " is not a probability in [0, 1)");
    } else if (d.dropout() > 0 && !(device instanceof I2cDeviceConfig)) {
      problem.accept(at + ".dropout", "dropouts are I2C transaction failures; '" + name + "' is " + Checks.article(type));
    }
    if (d.latencyTicks() < 0 || d.latencyTicks() > 100) {
      problem.accept(at + ".latency_ticks", d.latencyTicks() + " is out of range (0..100)");
    } else if (d.latencyTicks() > 0 && !rules.latency()) {
      // Sorted by name, so the message reads as it always has (hbridge, pca9685).
      problem.accept(at + ".latency_ticks", "latency is for actuators ("
          + String.join(", ", typesWhere(SimRules::latency).stream().sorted().toList()) + "); '" + name + "' is "
          + Checks.article(type));
    }
  }

  private void perChannel(String at, DeviceConfig device, Map<String, Double> values, boolean nonNegative) {
    values.forEach((channel, value) -> {
      String key = at + "." + channel;
      if (!device.channels().contains(channel)) {
        problem.accept(key, channelProblem(device, channel));
      } else if (value == null || !Double.isFinite(value) || (nonNegative && value < 0)) {
        problem.accept(key, (value == null ? "null" : ConfigValidator.number(value)) + " must be a finite number"
            + (nonNegative ? " >= 0" : ""));
      }
    });
  }

  private static String channelProblem(DeviceConfig device, String channel) {
    if (device.channels().isEmpty()) return "a " + device.type() + " has no sensor channels";
    return device.type() + " '" + device.name() + "' has no channel '" + channel + "'"
        + Suggestions.hint(channel, device.channels()) + "; it has " + String.join(", ", device.channels());
  }

  private void fault(String at, SimFaultConfig f) {
    if (f.kind() == SimFaultKind.BROWNOUT) {
      if (f.device().isPresent()) problem.accept(at + ".device", "a brownout hits every device; remove device");
    } else if (f.device().isEmpty()) {
      problem.accept(at + ".device", "say which device the " + f.kind().id() + " fault hits");
    } else {
      String name = f.device().get();
      Optional<DeviceConfig> device = config.device(name);
      if (device.isEmpty()) {
        List<String> names = config.devices().stream().map(DeviceConfig::name).toList();
        problem.accept(at + ".device", "no device named '" + name + "'" + Suggestions.hint(name, names));
      } else if (!applies(f.kind(), device.get())) {
        problem.accept(at + ".kind", f.kind().id() + " does not apply to " + device.get().type() + " '" + name
            + "'; it applies to " + appliesTo(f.kind()));
      }
    }
    if (!(f.startS() >= 0) || Double.isInfinite(f.startS())) {
      problem.accept(at + ".start_s", ConfigValidator.number(f.startS()) + " must be a finite time >= 0");
    }
    f.durationS().ifPresent(d -> positive(at + ".duration_s", d, "s"));
    f.voltageV().ifPresent(volts -> {
      if (f.kind() != SimFaultKind.BROWNOUT) problem.accept(at + ".voltage_v", "only used by brownout faults");
      else atLeastZero(at + ".voltage_v", volts, "V");
    });
  }

  /** Whether a fault kind makes sense for a device type. */
  static boolean applies(SimFaultKind kind, DeviceConfig device) {
    return DeviceTypes.of(device).sim().faults().contains(kind);
  }

  /** The types a fault kind applies to: the I2C chips first, then the devices on pins. */
  private static String appliesTo(SimFaultKind kind) {
    if (kind == SimFaultKind.BROWNOUT) return "every device at once";
    List<String> i2c = new ArrayList<>();
    List<String> pins = new ArrayList<>();
    for (DeviceType<?> type : DeviceTypes.all()) {
      if (!type.sim().faults().contains(kind)) continue;
      (I2cDeviceConfig.class.isAssignableFrom(type.config()) ? i2c : pins).add(type.id());
    }
    i2c.addAll(pins);
    return String.join(", ", i2c);
  }

  /** The types whose simulator rules allow something, in class-path order. */
  private static List<String> typesWhere(Predicate<SimRules> allowed) {
    return DeviceTypes.all().stream().filter(t -> allowed.test(t.sim())).map(DeviceType::id).toList();
  }

  private void positive(String at, double value, String unit) {
    if (!(value > 0) || Double.isInfinite(value)) {
      problem.accept(at, ConfigValidator.number(value) + (unit.isEmpty() ? "" : " " + unit)
          + " must be a positive finite number");
    }
  }

  private void atLeastZero(String at, double value, String unit) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      problem.accept(at, ConfigValidator.number(value) + (unit.isEmpty() ? "" : " " + unit)
          + " must be a finite number >= 0");
    }
  }
}
