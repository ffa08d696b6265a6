package dev.foresight.runtime.io;

import com.pi4j.context.Context;
import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.registry.DeviceRegistry;
import dev.foresight.drivers.registry.DeviceReport;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.SimPlants;
import dev.foresight.runtime.time.Clock;
import dev.foresight.sim.Plant;
import dev.foresight.sim.SimRun;
import dev.foresight.sim.hardware.SimHardware;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes a robot's device I/O: the Pi4J context for the platform (the Raspberry Pi's Linux
 * providers, or the simulator's emulated chips around the plant), the drivers for every declared
 * device, their start-up self-test, and the mapping of state sources and action targets onto
 * driver channels.
 */
public final class DeviceIoAssembly {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceIoAssembly.class);

  private DeviceIoAssembly() {}

  /**
   * The drivers on a Raspberry Pi's I2C buses and GPIO header.
   *
   * @throws DeviceStartException when a required device fails its start-up check
   * @throws AssemblyException    when the Pi's devices cannot be opened, or a source or target has
   *                              no channel to map to
   */
  public static DeviceIo hardware(RobotConfig config, Clock clock) throws AssemblyException {
    return drivers(config, clock, raspberryPi(), false);
  }

  /**
   * The drivers on chips emulated around the simulated plant of {@code sim}, with the plant's own
   * variables for {@code plant.*} sources and targets.
   *
   * @throws DeviceStartException when a required device fails its start-up check
   * @throws AssemblyException    for a bad {@code sim} section or binding, or a source or target
   *                              with no channel to map to
   */
  public static EmulatedIo emulated(RobotConfig config, Clock clock, long periodNs) throws AssemblyException {
    SimRun run = SimPlants.create(config, periodNs);
    SimHardware hardware = simulate(config, run.plant(), null);
    DeviceIo drivers = drivers(config, clock, Pi4jContexts.simulated(hardware), true);
    try {
      return EmulatedIo.wire(config, drivers, hardware, run);
    } catch (AssemblyException | RuntimeException e) {
      drivers.close();
      throw e;
    }
  }

  /** Emulated hardware for {@code config} around {@code plant}; bad bindings become assembly errors. */
  public static SimHardware simulate(RobotConfig config, Plant plant, LongSupplier clock) throws AssemblyException {
    try {
      return SimHardware.create(config, plant, clock);
    } catch (IllegalArgumentException e) {
      throw new AssemblyException(e.getMessage());
    }
  }

  /** The Raspberry Pi context, or an assembly error saying why it cannot be opened here. */
  public static Context raspberryPi() throws AssemblyException {
    try {
      return Pi4jContexts.raspberryPi();
    } catch (RuntimeException | LinkageError e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      throw new AssemblyException(String.format(Locale.ROOT, "hardware.platform: raspberrypi: cannot open the GPIO "
          + "and I2C devices (%s); run on a Raspberry Pi 4/5 with I2C enabled (docs/hardware.md), or use "
          + "platform: sim", root.getMessage() != null ? root.getMessage() : root.toString()));
    }
  }

  /** The drivers started on {@code pi4j}; {@code plant.*} sources and targets are left to the simulator. */
  private static DeviceIo drivers(RobotConfig config, Clock clock, Context pi4j, boolean simulated)
      throws AssemblyException {
    DeviceRegistry registry;
    try {
      registry = DeviceRegistry.create(config, new DriverContext(pi4j, clock::nanoTime, config.hardware().defaultBus()));
    } catch (IllegalArgumentException e) {
      pi4j.shutdown();
      throw new AssemblyException(e.getMessage());
    }
    try {
      DeviceReport report = registry.start(clock.nanoTime());
      if (!report.requiredOk()) throw new DeviceStartException(report);
      for (DeviceReport.Entry e : report.failures()) {
        LOG.warn("{} ({} at {}) is not working and not required: {}", e.name(), e.type(), e.location(),
            e.result().message());
      }
      return wire(config, pi4j, registry, report, simulated);
    } catch (AssemblyException | RuntimeException e) {
      registry.close();
      pi4j.shutdown();
      throw e;
    }
  }

  private static DeviceIo wire(RobotConfig config, Context pi4j, DeviceRegistry registry, DeviceReport report,
      boolean simulated) throws AssemblyException {
    List<String> rawNames = new ArrayList<>();
    List<Sensor> sensors = registry.sensors();
    int[] offsets = new int[sensors.size()];
    for (int i = 0; i < sensors.size(); i++) {
      offsets[i] = rawNames.size();
      for (String channel : sensors.get(i).channels()) rawNames.add(sensors.get(i).name() + "." + channel);
    }
    for (int i = 0; i < config.state().size(); i++) {
      StateVariable s = config.state().get(i);
      if (!rawNames.contains(s.source()) && !(simulated && s.source().startsWith(PlantIo.PREFIX))) {
        throw new AssemblyException("state[" + i + "].source: no driver channel " + s.source());
      }
    }
    List<Actuator> actuators = new ArrayList<>();
    List<Integer> actions = new ArrayList<>();
    for (int i = 0; i < config.action().size(); i++) {
      ActionVariable a = config.action().get(i);
      if (simulated && a.target().startsWith(PlantIo.PREFIX)) continue;
      var actuator = registry.actuator(a.target());
      if (actuator.isEmpty()) throw new AssemblyException("action[" + i + "].target: " + a.target() + " is not an actuator");
      actuators.add(actuator.get());
      actions.add(i);
    }
    return new DeviceIo(pi4j, registry, report, rawNames, sensors.toArray(new Sensor[0]), offsets,
        actuators.toArray(new Actuator[0]), actions.stream().mapToInt(Integer::intValue).toArray());
  }
}
