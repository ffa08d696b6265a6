package dev.foresight.runtime.io;

import com.pi4j.context.Context;
import dev.foresight.config.ActionVariable;
import dev.foresight.config.Platform;
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
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.SimRun;
import dev.foresight.sim.hardware.SimHardware;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
   * @throws DeviceStartException when a required device fails its start-up check
   * @throws AssemblyException    when the platform cannot be opened, or a source or target has no
   *                              channel to map to
   */
  public static DeviceIo assemble(RobotConfig config, Clock clock, long periodNs) throws AssemblyException {
    SimHardware sim = null;
    SimRun run = null;
    Context pi4j;
    if (config.hardware().platform() == Platform.SIM) {
      run = SimPlants.create(config, periodNs);
      sim = simulate(config, run.plant(), null);
      pi4j = Pi4jContexts.simulated(sim);
    } else {
      pi4j = raspberryPi();
    }
    DeviceRegistry registry = DeviceRegistry.create(config, new DriverContext(pi4j, clock::nanoTime,
        config.hardware().defaultBus()));
    try {
      DeviceReport report = registry.start(clock.nanoTime());
      if (!report.requiredOk()) throw new DeviceStartException(report);
      for (DeviceReport.Entry e : report.failures()) {
        LOG.warn("{} ({} at {}) is not working and not required: {}", e.name(), e.type(), e.location(),
            e.result().message());
      }
      return wire(config, pi4j, registry, report, sim, run);
    } catch (AssemblyException | RuntimeException e) {
      registry.close();
      pi4j.shutdown();
      throw e;
    }
  }

  /** Emulated hardware for {@code config} around {@code plant}; bad bindings become assembly errors. */
  public static SimHardware simulate(RobotConfig config, Plant plant, java.util.function.LongSupplier clock)
      throws AssemblyException {
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

  private static DeviceIo wire(RobotConfig config, Context pi4j, DeviceRegistry registry, DeviceReport report,
      SimHardware sim, SimRun run) throws AssemblyException {
    List<String> rawNames = new ArrayList<>();
    List<Sensor> sensors = registry.sensors();
    int[] offsets = new int[sensors.size()];
    for (int i = 0; i < sensors.size(); i++) {
      offsets[i] = rawNames.size();
      for (String channel : sensors.get(i).channels()) rawNames.add(sensors.get(i).name() + "." + channel);
    }
    List<Integer> plantSources = new ArrayList<>();
    for (int i = 0; i < config.state().size(); i++) {
      StateVariable s = config.state().get(i);
      if (rawNames.contains(s.source())) continue;
      if (sim == null || !s.source().startsWith(PlantIo.PREFIX)) {
        throw new AssemblyException("state[" + i + "].source: no driver channel " + s.source());
      }
      PlantSpec spec = sim.plant().spec();
      String variable = s.source().substring(PlantIo.PREFIX.length());
      int stateIndex = spec.stateIndex(variable);
      int observationIndex = spec.observationIndex(variable);
      if (stateIndex < 0 && observationIndex < 0) {
        throw new AssemblyException("state[" + i + "].source: plant " + spec.name() + " has no state or observation "
            + "variable '" + variable + "' (it has " + String.join(", ", spec.stateNames()) + ")");
      }
      int index = stateIndex >= 0 ? stateIndex : -1 - observationIndex;
      rawNames.add(s.source());
      plantSources.add(index);
    }
    Actuator[] actuators = new Actuator[config.action().size()];
    int[] plantTargets = new int[actuators.length];
    for (int i = 0; i < actuators.length; i++) {
      ActionVariable a = config.action().get(i);
      plantTargets[i] = -1;
      if (sim != null && a.target().startsWith(PlantIo.PREFIX)) {
        PlantSpec spec = sim.plant().spec();
        plantTargets[i] = spec.actionIndex(a.target().substring(PlantIo.PREFIX.length()));
        if (plantTargets[i] < 0) {
          throw new AssemblyException("action[" + i + "].target: plant " + spec.name() + " has no action '"
              + a.target().substring(PlantIo.PREFIX.length()) + "' (it has " + String.join(", ", spec.actionNames()) + ")");
        }
        if (sim.drivenByBridge(plantTargets[i])) {
          throw new AssemblyException("action[" + i + "].target: plant." + spec.actionNames().get(plantTargets[i])
              + " is already driven by an emulated hbridge (sim.devices.<bridge>.drives)");
        }
      } else {
        var actuator = registry.actuator(a.target());
        if (actuator.isEmpty()) throw new AssemblyException("action[" + i + "].target: " + a.target() + " is not an actuator");
        actuators[i] = actuator.get();
      }
    }
    if (sim != null) checkEveryPlantActionIsDriven(config, sim, plantTargets);
    return new DeviceIo(pi4j, registry, report, rawNames, sensors.toArray(new Sensor[0]), offsets,
        plantSources.stream().mapToInt(Integer::intValue).toArray(), actuators, plantTargets, sim, run);
  }

  private static void checkEveryPlantActionIsDriven(RobotConfig config, SimHardware sim, int[] plantTargets)
      throws AssemblyException {
    PlantSpec spec = sim.plant().spec();
    for (int j = 0; j < spec.action().size(); j++) {
      boolean direct = false;
      for (int t : plantTargets) direct |= t == j;
      if (!direct && !sim.drivenByBridge(j)) {
        throw new AssemblyException("sim.devices: nothing drives plant." + spec.actionNames().get(j) + "; bind an "
            + "hbridge to it (sim.devices.<motor>.drives: " + spec.actionNames().get(j) + ") or target plant."
            + spec.actionNames().get(j) + " from an action");
      }
    }
  }
}
