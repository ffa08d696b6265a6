package dev.foresight.sim.hardware;

import com.pi4j.provider.Provider;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.config.device.ByRecord;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.HBridgeConfig;
import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.config.sim.SimDeviceConfig;
import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.SimRandom;
import dev.foresight.sim.hardware.pi4j.SimDigitalProviders;
import dev.foresight.sim.hardware.pi4j.SimI2CProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's hardware, emulated at register level and driven by a simulated plant: the chips a
 * config declares sit on emulated I2C buses and GPIO lines, each bound to the plant variables it
 * measures ({@code sim.devices}), and H-bridges turn what the drivers wrote into the plant's
 * torque or voltage through a DC motor model. Each device is emulated by the
 * {@link EmulationFactory} of its config record, found with {@link java.util.ServiceLoader}. Pi4J providers
 * over these buses and lines let the same drivers run here as on a Raspberry Pi.
 *
 * <pre>{@code
 * Plant plant = Plants.create("pendulum");
 * SimHardware hw = SimHardware.create(config, plant, null);
 * Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(hw.pi4jProviders()).build();
 * // drivers read and write through pi4j ...
 * double reward = hw.step();   // the plant moves one step under what the drivers commanded
 * }</pre>
 *
 * <p>Realism and faults come from the config and the seed: noise and dropouts draw from one
 * seeded stream per device ({@code SimRandom.stream(seed, "device/<name>")}), faults follow {@code sim.faults} in simulated time,
 * and everything is logged at creation, so a run repeats exactly. Not thread-safe: one thread
 * steps the plant and drives the devices (the control loop's).
 */
public final class SimHardware {

  private static final Logger LOG = LoggerFactory.getLogger(SimHardware.class);
  @SuppressWarnings("rawtypes")
  private static final ByRecord<EmulationFactory> FACTORIES =
      ByRecord.load(EmulationFactory.class, EmulationFactory::config);

  private final RobotConfig config;
  private final SimConfig sim;
  private final Plant plant;
  private final PlantReadout readout;
  private final long dtNs;
  private final LongSupplier clock;
  private final Map<Integer, EmulatedI2cBus> buses = new LinkedHashMap<>();
  private final EmulatedGpio gpio = new EmulatedGpio();
  private final Supply supply;
  private final Map<String, Emulation> devices = new LinkedHashMap<>();
  private final List<Fault> faults = new ArrayList<>();
  private final double[] action;
  /** Per plant action: the device that drives it ({@code sim.devices.<name>.drives}), or null. */
  private final String[] drivenBy;
  private final List<String> log = new ArrayList<>();
  private Emulation[] all = new Emulation[0];
  private long steps;
  private double lastReward = Double.NaN;

  private record Fault(SimFaultConfig config, Emulation target, boolean[] active) {}

  private SimHardware(RobotConfig config, Plant plant, LongSupplier externalClock) {
    this.config = config;
    this.sim = config.sim().orElseThrow(() -> new IllegalArgumentException("sim: missing"));
    this.plant = plant;
    this.readout = new PlantReadout(plant);
    this.dtNs = Math.round(plant.spec().dtS() * 1e9);
    this.clock = externalClock != null ? externalClock : this::timeNs;
    this.supply = new Supply(configuredSupplyVoltage(config, sim), sim.supply().internalResistanceOhm());
    PlantSpec spec = plant.spec();
    this.action = new double[spec.action().size()];
    this.drivenBy = new String[action.length];
  }

  /**
   * Emulates the devices of {@code config} around {@code plant}, which must already be reset to
   * its initial state.
   *
   * @param externalClock the time chips sample at; null for simulated time (one plant step per
   *                      {@link #step()}), a real clock when nothing steps the plant ({@code doctor})
   * @throws IllegalArgumentException naming the config key, when a binding names a plant
   *                                  variable the plant does not have or cannot be driven
   */
  public static SimHardware create(RobotConfig config, Plant plant, LongSupplier externalClock) {
    SimHardware hw = new SimHardware(config, plant, externalClock);
    hw.readout.refresh();
    // One random stream per device, by name, so adding a device never changes another's noise;
    // devices are emulated after the ones they depend on (bridges after their PWM chips).
    long seed = hw.sim.seed();
    for (DeviceConfig d : DeviceConfig.inDependencyOrder(config.devices())) {
      hw.emulate(d, SimRandom.stream(seed, "device/" + d.name()));
    }
    hw.all = hw.devices.values().toArray(new Emulation[0]);
    for (SimFaultConfig f : hw.sim.faults()) hw.schedule(f);
    hw.sense();
    hw.applyFaults();
    hw.log.addFirst(String.format(Locale.ROOT, "seed %d, supply %.2f V behind %.3f ohm", hw.sim.seed(),
        hw.supply.nominalV(), hw.sim.supply().internalResistanceOhm()));
    LOG.info("sim hardware: {}", String.join("; ", hw.log));
    return hw;
  }

  private void emulate(DeviceConfig device, SplittableRandom random) {
    String name = device.name();
    SimDeviceConfig s = sim.device(name);
    Emulation emulation = create(device, new EmulationContext(this, name, s, random));
    devices.put(name, emulation);
    I2cChip chip = emulation.chip();
    if (chip != null && device instanceof I2cDeviceConfig i2c) {
      int busNumber = i2c.bus() != null ? i2c.bus() : config.hardware().defaultBus();
      buses.computeIfAbsent(busNumber, b -> new EmulatedI2cBus(b, clock)).attach(chip);
      chip.dropout(s.dropout());
      log.add(String.format(Locale.ROOT, "%s %s on i2c-%d 0x%02X%s%s%s", name, chip.type(), busNumber,
          chip.address(), s.measures().isEmpty() ? "" : " measures " + s.measures(),
          s.noise().isEmpty() ? "" : " noise " + s.noise(), s.dropout() > 0 ? " dropout " + s.dropout() : ""));
    } else {
      log.add(name + " " + device.type() + (s.measures().isEmpty() ? "" : " measures " + s.measures())
          + s.drives().map(d -> " drives " + d).orElse(""));
    }
  }

  @SuppressWarnings("unchecked")
  private static <C extends DeviceConfig> Emulation create(C device, EmulationContext context) {
    EmulationFactory<C> factory = (EmulationFactory<C>) FACTORIES.find(device).orElseThrow(() ->
        new IllegalArgumentException(context.at() + ": no emulation of " + device.type() + " on the class path; add the "
            + "jar with its EmulationFactory (META-INF/services/" + EmulationFactory.class.getName() + ")"));
    return factory.create(device, context);
  }

  /** Binds a plant action to the device that drives it; see {@link EmulationContext#drives()}. */
  int bindAction(String at, String device, String actionName) {
    PlantSpec spec = plant.spec();
    int index = spec.actionIndex(actionName);
    if (index < 0) {
      throw new IllegalArgumentException(at + ": plant " + spec.name() + " has no action '" + actionName
          + "' (it has " + String.join(", ", spec.actionNames()) + ")");
    }
    if (drivenBy[index] != null) {
      throw new IllegalArgumentException(at + ": plant action '" + actionName + "' is already driven by "
          + config.device(drivenBy[index]).orElseThrow().type() + " '" + drivenBy[index] + "'");
    }
    drivenBy[index] = device;
    return index;
  }

  PlantReadout readout() {
    return readout;
  }

  Supply supply() {
    return supply;
  }

  Emulation emulation(String name) {
    return devices.get(name);
  }

  private void schedule(SimFaultConfig f) {
    Emulation target = f.device().map(devices::get).orElse(null);
    faults.add(new Fault(f, target, new boolean[1]));
    log.add("fault " + f.kind().id() + f.device().map(d -> " on " + d).orElse("") + " from " + f.startS() + " s"
        + f.durationS().map(d -> " for " + d + " s").orElse(" to the end")
        + (f.kind() == SimFaultKind.BROWNOUT ? " at " + f.voltageV().orElse(SimFaultConfig.DEFAULT_BROWNOUT_V) + " V" : ""));
  }

  /**
   * Injects a fault now (for {@code doctor --unplug} and tests); it starts at the current
   * simulated time unless its own start is later.
   */
  public void inject(SimFaultConfig fault) {
    if (fault.device().isPresent() && !devices.containsKey(fault.device().get())) {
      throw new IllegalArgumentException("no device named '" + fault.device().get() + "' in the simulation");
    }
    schedule(fault);
    LOG.info("sim hardware: {}", log.getLast());
    applyFaults();
  }

  /** Advances the plant one step under what the drivers commanded; returns the step's reward. */
  public double step() {
    readout.refresh();
    for (Emulation e : all) e.actuate(readout, action);
    supply.endStep();
    lastReward = plant.step(action);
    steps++;
    readout.refresh();
    sense();
    applyFaults();
    return lastReward;
  }

  private void sense() {
    for (Emulation e : all) e.sense(readout);
  }

  private void applyFaults() {
    double t = steps * plant.spec().dtS();
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      boolean now = f.config().activeAt(t);
      if (now == f.active()[0]) continue;
      f.active()[0] = now;
      LOG.info("sim t={} s: {} {}{}", String.format(Locale.ROOT, "%.3f", t), f.config().kind().id(),
          now ? "begins" : "ends", f.config().device().map(d -> " on " + d).orElse(""));
      if (f.config().kind() == SimFaultKind.BROWNOUT) {
        brownout(now, f.config().voltageV().orElse(SimFaultConfig.DEFAULT_BROWNOUT_V));
      } else {
        f.target().fault(f.config().kind(), now);
      }
    }
  }

  private void brownout(boolean active, double volts) {
    if (!active) {
      supply.restore();
      return;
    }
    supply.brownout(volts);
    for (EmulatedI2cBus bus : buses.values()) {
      for (int a = 0; a < 128; a++) if (bus.chip(a) != null) bus.chip(a).powerOnReset();
    }
  }

  /**
   * Sets a plant action directly (an action variable targeting {@code plant.<variable>}); actions
   * driven by an emulated device ({@code drives}) come from that device.
   */
  public void plantAction(int index, double value) {
    action[index] = value;
  }

  /** The device that drives a plant action ({@code sim.devices.<name>.drives}), if one does. */
  public Optional<String> driverOf(int actionIndex) {
    return Optional.ofNullable(drivenBy[actionIndex]);
  }

  /** Pi4J providers for a context over this hardware: I2C, digital inputs, digital outputs. */
  public Provider[] pi4jProviders() {
    return new Provider[] {new SimI2CProvider(buses.values()), new SimDigitalProviders.Inputs(gpio),
        new SimDigitalProviders.Outputs(gpio)};
  }

  /** Simulated time, ns since the run started. */
  public long timeNs() {
    return steps * dtNs;
  }

  /** The plant. */
  public Plant plant() {
    return plant;
  }

  /** The last step's reward, NaN before the first step. */
  public double lastReward() {
    return lastReward;
  }

  /** The emulated bus with this number, if any device is on it. */
  public Optional<EmulatedI2cBus> bus(int number) {
    return Optional.ofNullable(buses.get(number));
  }

  /** The emulated bus with this number, or null; allocation-free (for benchmarks). */
  public EmulatedI2cBus busOrNull(int number) {
    return buses.get(number);
  }

  /** Every emulated bus. */
  public List<EmulatedI2cBus> buses() {
    return List.copyOf(buses.values());
  }

  /** The chip emulating the named I2C device, if it is one. */
  public Optional<I2cChip> chip(String device) {
    Emulation e = devices.get(device);
    return Optional.ofNullable(e != null ? e.chip() : null);
  }

  /** The GPIO lines. */
  public EmulatedGpio gpio() {
    return gpio;
  }

  /** The supply's terminal voltage now, V. */
  public double supplyVoltage() {
    return supply.voltage();
  }

  /** The current the bridges drew over the last step, A. */
  public double supplyCurrent() {
    return supply.current();
  }

  /** Presses or releases a simulated button (a {@code gpio_input} device). */
  public void press(String device, boolean pressed) {
    if (!(devices.get(device) instanceof ButtonEmulation b)) {
      throw new IllegalArgumentException("'" + device + "' is not a gpio_input in the simulation");
    }
    b.press(pressed);
  }

  /** What was drawn and set up at creation: the seed, supply, each device's binding and realism, the faults. */
  public List<String> description() {
    return List.copyOf(log);
  }

  /** {@code sim.supply.voltage_v}, else the motor supply the first H-bridge declares, else 12 V. */
  private static double configuredSupplyVoltage(RobotConfig config, SimConfig sim) {
    return sim.supply().voltageV().orElseGet(() -> config.devices().stream()
        .filter(HBridgeConfig.class::isInstance).map(d -> ((HBridgeConfig) d).supplyVoltageV())
        .findFirst().orElse(12.0));
  }
}
