package dev.foresight.drivers.registry;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.config.device.Ads1115Config;
import dev.foresight.config.device.As5600Config;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.GpioInputConfig;
import dev.foresight.config.device.HBridgeConfig;
import dev.foresight.config.device.Ina219Config;
import dev.foresight.config.device.Mpu6050Config;
import dev.foresight.config.device.Pca9685Config;
import dev.foresight.config.device.QuadratureEncoderConfig;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.Output;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.ads1115.Ads1115;
import dev.foresight.drivers.as5600.As5600;
import dev.foresight.drivers.encoder.QuadratureEncoder;
import dev.foresight.drivers.gpio.GpioInput;
import dev.foresight.drivers.hbridge.HBridgeMotor;
import dev.foresight.drivers.ina219.Ina219;
import dev.foresight.drivers.mpu6050.Mpu6050;
import dev.foresight.drivers.pca9685.Pca9685;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every device of a robot config, as drivers: created in dependency order (a PCA9685 before the
 * H-bridges on its channels, an INA219 before the bridge that watches it), started with a
 * self-test, looked up by the names state sources and action targets use, put in their safe
 * states together, and closed in reverse order.
 *
 * <pre>{@code
 * try (DeviceRegistry devices = DeviceRegistry.create(config, context)) {
 *   DeviceReport report = devices.start(nowNs);
 *   Actuator motor = devices.actuator("motor").orElseThrow();
 *   motor.write(nowNs, 3.0);
 * }
 * }</pre>
 */
public final class DeviceRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

  private final Map<String, Device> devices;
  private final List<Device> startOrder;
  private boolean closed;

  private DeviceRegistry(Map<String, Device> devices, List<Device> startOrder) {
    this.devices = devices;
    this.startOrder = startOrder;
  }

  /** Drivers for every device in {@code config} (a validated config); nothing is opened yet. */
  public static DeviceRegistry create(RobotConfig config, DriverContext context) {
    Map<String, Device> byName = new LinkedHashMap<>();
    List<Device> order = new ArrayList<>();
    for (DeviceConfig d : config.devices()) {
      Device device = switch (d) {
        case As5600Config a -> new As5600(a, context);
        case Mpu6050Config m -> new Mpu6050(m, context);
        case Pca9685Config p -> new Pca9685(p, context);
        case Ina219Config n -> new Ina219(n, context);
        case Ads1115Config a -> new Ads1115(a, context, usedChannels(config, a.name()));
        case QuadratureEncoderConfig q -> new QuadratureEncoder(q, context);
        case GpioInputConfig g -> new GpioInput(g, context);
        case HBridgeConfig h -> null;   // after the chips it depends on
      };
      if (device != null) {
        byName.put(d.name(), device);
        order.add(device);
      }
    }
    for (DeviceConfig d : config.devices()) {
      if (!(d instanceof HBridgeConfig h)) continue;
      int dot = h.pwm().lastIndexOf('.');
      Pca9685 pca = (Pca9685) byName.get(h.pwm().substring(0, dot));
      Ina219 sensor = h.currentSensor().map(n -> (Ina219) byName.get(n)).orElse(null);
      boolean volts = config.action().stream().anyMatch(a -> a.target().equals(h.name()) && a.unit().equals("V"));
      HBridgeMotor motor = new HBridgeMotor(h, context, pca.channel(Integer.parseInt(h.pwm().substring(dot + 1))),
          sensor, volts);
      byName.put(h.name(), motor);
      order.add(motor);
    }
    Map<String, Device> inConfigOrder = new LinkedHashMap<>();
    for (DeviceConfig d : config.devices()) inConfigOrder.put(d.name(), byName.get(d.name()));
    return new DeviceRegistry(inConfigOrder, List.copyOf(order));
  }

  /** ADS1115 channels that state variables read, so only those are converted. */
  private static int[] usedChannels(RobotConfig config, String device) {
    return config.state().stream().map(StateVariable::source)
        .filter(s -> s.startsWith(device + ".ain"))
        .mapToInt(s -> Integer.parseInt(s.substring(device.length() + 4)))
        .distinct().sorted().toArray();
  }

  /**
   * Opens, identifies, configures and reads every device once, in dependency order. Never throws;
   * the report says what failed and why.
   */
  public DeviceReport start(long nowNs) {
    Map<String, SelfTest> results = new LinkedHashMap<>();
    for (Device d : startOrder) {
      SelfTest result;
      try {
        result = d.start(nowNs);
      } catch (RuntimeException e) {
        result = SelfTest.fault("", "start failed: " + e);
      }
      results.put(d.name(), result);
    }
    List<DeviceReport.Entry> entries = new ArrayList<>();
    for (Device d : devices.values()) {
      entries.add(new DeviceReport.Entry(d.name(), d.type(), d.location(), d.required(), results.get(d.name())));
    }
    return new DeviceReport(entries);
  }

  /** Every device, in config order. */
  public List<Device> devices() {
    return List.copyOf(devices.values());
  }

  /** The named device. */
  public Optional<Device> device(String name) {
    return Optional.ofNullable(devices.get(name));
  }

  /** The sensors, in config order. */
  public List<Sensor> sensors() {
    return devices.values().stream().filter(Sensor.class::isInstance).map(Sensor.class::cast).toList();
  }

  /**
   * The actuator an action {@code target} names: {@code motor} (an H-bridge) or
   * {@code motor_pwm.3} (a PCA9685 channel).
   */
  public Optional<Actuator> actuator(String target) {
    int dot = target.indexOf('.');
    Device d = devices.get(dot < 0 ? target : target.substring(0, dot));
    if (d instanceof Actuator a && dot < 0) return Optional.of(a);
    if (d instanceof Pca9685 p && dot > 0) return Optional.of(p.channel(Integer.parseInt(target.substring(dot + 1))));
    return Optional.empty();
  }

  /** The actuators the config's actions target, in action order. */
  public List<Actuator> actuators(List<ActionVariable> actions) {
    return actions.stream().map(a -> actuator(a.target()).orElseThrow(
        () -> new IllegalArgumentException(a.target() + " is not an actuator"))).toList();
  }

  /**
   * Every output to its safe state: actuators first (a bridge brakes with its own pins), then the
   * chips whose outputs they share (all PCA9685 outputs off). Never throws; returns whether every
   * device confirmed.
   */
  public boolean safeAll() {
    boolean ok = true;
    for (Device d : startOrder) {
      if (d instanceof Actuator a) ok &= safe(a);
    }
    for (Device d : startOrder) {
      if (d instanceof Output o && !(d instanceof Actuator)) ok &= safe(o);
    }
    return ok;
  }

  private static boolean safe(Output o) {
    try {
      return o.safe() == dev.foresight.drivers.Status.OK;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Safe states, then every device's I/O released in reverse order. Idempotent. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    safeAll();
    List<Device> reverse = new ArrayList<>(startOrder);
    java.util.Collections.reverse(reverse);
    for (Device d : reverse) {
      try {
        d.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed: {}", d.name(), e.toString());
      }
    }
  }
}
