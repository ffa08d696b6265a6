package dev.foresight.drivers.registry;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.device.ByRecord;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Output;
import dev.foresight.drivers.OutputBank;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.Wiring;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every device of a robot config, as drivers: each built by the {@link DriverFactory} of its
 * config record (found with {@link java.util.ServiceLoader}), in dependency order (a PCA9685 before the
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
  @SuppressWarnings("rawtypes")
  private static final ByRecord<DriverFactory> FACTORIES = ByRecord.load(DriverFactory.class, DriverFactory::config);

  private final Map<String, Device> devices;
  private final List<Device> startOrder;
  private boolean closed;

  private DeviceRegistry(Map<String, Device> devices, List<Device> startOrder) {
    this.devices = devices;
    this.startOrder = startOrder;
  }

  /**
   * Drivers for every device in {@code config} (a validated config); nothing is opened yet.
   *
   * @throws IllegalArgumentException naming the device when no driver for its type is on the class path
   */
  public static DeviceRegistry create(RobotConfig config, DriverContext context) {
    Map<String, Device> built = new LinkedHashMap<>();
    List<Device> order = new ArrayList<>();
    Wiring wiring = new Wiring(config, Collections.unmodifiableMap(built));
    for (DeviceConfig d : DeviceConfig.inDependencyOrder(config.devices())) {
      Device device = create(d, context, wiring);
      built.put(d.name(), device);
      order.add(device);
    }
    Map<String, Device> inConfigOrder = new LinkedHashMap<>();
    for (DeviceConfig d : config.devices()) inConfigOrder.put(d.name(), built.get(d.name()));
    return new DeviceRegistry(inConfigOrder, List.copyOf(order));
  }

  @SuppressWarnings("unchecked")
  private static <C extends DeviceConfig> Device create(C device, DriverContext context, Wiring wiring) {
    DriverFactory<C> factory = (DriverFactory<C>) FACTORIES.find(device).orElseThrow(() -> new IllegalArgumentException(
        "devices: no driver for " + device.type() + " '" + device.name() + "' on the class path; add the jar with its "
            + "DriverFactory (META-INF/services/" + DriverFactory.class.getName() + ")"));
    return factory.create(device, context, wiring);
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
   * {@code motor_pwm.3} (an output of an {@link OutputBank}, a PCA9685 channel).
   */
  public Optional<Actuator> actuator(String target) {
    int dot = target.indexOf('.');
    Device d = devices.get(dot < 0 ? target : target.substring(0, dot));
    if (d instanceof Actuator a && dot < 0) return Optional.of(a);
    if (d instanceof OutputBank bank && dot > 0) return Optional.of(bank.output(target.substring(dot + 1)));
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
      return o.safe() == Status.OK;
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
    Collections.reverse(reverse);
    for (Device d : reverse) {
      try {
        d.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed: {}", d.name(), e.toString());
      }
    }
  }
}
