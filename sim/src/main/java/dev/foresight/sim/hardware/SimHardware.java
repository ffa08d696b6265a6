package dev.foresight.sim.hardware;

import com.pi4j.provider.Provider;
import dev.foresight.config.DcMotorConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.config.device.Ads1115Config;
import dev.foresight.config.device.As5600Config;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.GpioInputConfig;
import dev.foresight.config.device.HBridgeConfig;
import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.config.device.Ina219Config;
import dev.foresight.config.device.Mpu6050Config;
import dev.foresight.config.device.Pca9685Config;
import dev.foresight.config.device.QuadratureEncoderConfig;
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
 * torque or voltage through a DC motor model. Pi4J providers over these buses and lines let the
 * same drivers run here as on a Raspberry Pi.
 *
 * <pre>{@code
 * Plant plant = Plants.create(PlantKind.PENDULUM);
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
  private static final int UNBOUND = Integer.MIN_VALUE;

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
  private final List<HBridgeEmulation> bridges = new ArrayList<>();
  private final int[] bridgeAction;
  private final List<Pca9685Emulation> pwmChips = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final double[] action;
  private final boolean[] directAction;
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
    this.directAction = new boolean[action.length];
    this.bridgeAction = new int[countBridges()];
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
    // bridges are emulated after the PWM chips they read, whatever the config's order.
    long seed = hw.sim.seed();
    for (DeviceConfig d : config.devices()) {
      if (!(d instanceof HBridgeConfig)) hw.emulate(d, SimRandom.stream(seed, "device/" + d.name()));
    }
    for (DeviceConfig d : config.devices()) {
      if (d instanceof HBridgeConfig) hw.emulate(d, SimRandom.stream(seed, "device/" + d.name()));
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
    String at = "sim.devices." + name;
    Emulation emulation = switch (device) {
      case As5600Config a -> {
        As5600Chip chip = new As5600Chip(name, random);
        As5600Emulation e = new As5600Emulation(a, chip, reference(at, s, "angle"));
        if (s.noise().containsKey("angle")) chip.noise(s.noise().get("angle"));
        if (s.bias().containsKey("angle")) chip.bias(e.sign() * s.bias().get("angle"));
        yield e;
      }
      case Mpu6050Config m -> {
        Mpu6050Chip chip = new Mpu6050Chip(name, m.address(), Mpu6050Chip.WHO_AM_I_VALUE, random);
        List<String> channels = m.channels();
        int[] refs = new int[channels.size()];
        for (int c = 0; c < refs.length; c++) {
          String ch = channels.get(c);
          refs[c] = reference(at, s, ch);
          if (s.noise().containsKey(ch)) chip.noise(c, s.noise().get(ch));
          if (s.bias().containsKey(ch)) chip.bias(c, s.bias().get(ch));
        }
        yield new Mpu6050Emulation(chip, refs);
      }
      case Pca9685Config p -> {
        Pca9685Emulation e = new Pca9685Emulation(p, new Pca9685Chip(name, p.address(), random), gpio);
        pwmChips.add(e);
        yield e;
      }
      case Ina219Config n -> {
        Ina219Chip chip = new Ina219Chip(name, n.address(), n.shuntOhms(), random);
        chip.noise(s.noise().getOrDefault("bus_voltage", 0.0), s.noise().getOrDefault("current", 0.0));
        chip.bias(s.bias().getOrDefault("bus_voltage", 0.0), s.bias().getOrDefault("current", 0.0));
        yield new Ina219Emulation(chip, supply, reference(at, s, "bus_voltage"), reference(at, s, "current"));
      }
      case Ads1115Config a -> {
        Ads1115Chip chip = new Ads1115Chip(name, a.address(), random);
        int[] refs = new int[4];
        for (int c = 0; c < 4; c++) {
          String ch = "ain" + c;
          refs[c] = reference(at, s, ch);
          if (s.noise().containsKey(ch)) chip.noise(c, s.noise().get(ch) / Math.abs(a.scale()));
          if (s.bias().containsKey(ch)) chip.bias(c, s.bias().get(ch) / a.scale());
        }
        yield new Ads1115Emulation(a, chip, refs);
      }
      case QuadratureEncoderConfig q -> new QuadratureEncoderEmulation(q, gpio, reference(at, s, "position"));
      case GpioInputConfig g -> new ButtonEmulation(g, gpio);
      case HBridgeConfig h -> bridge(h, s, at);
    };
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

  private HBridgeEmulation bridge(HBridgeConfig h, SimDeviceConfig s, String at) {
    int dot = h.pwm().lastIndexOf('.');
    Emulation pwm = devices.get(h.pwm().substring(0, dot));
    Pca9685Chip chip = (Pca9685Chip) pwm.chip();   // the validator made sure it is a pca9685
    int channel = Integer.parseInt(h.pwm().substring(dot + 1));
    DcMotorConfig motor = null;
    int speed = UNBOUND;
    int actionIndex = -1;
    if (s.drives().isPresent()) {
      String drives = s.drives().get();
      PlantSpec spec = plant.spec();
      actionIndex = spec.actionIndex(drives);
      if (actionIndex < 0) {
        throw new IllegalArgumentException(at + ".drives: plant " + spec.name() + " has no action '" + drives
            + "' (it has " + String.join(", ", spec.actionNames()) + ")");
      }
      String unit = spec.action().get(actionIndex).unit();
      if (unit.equals("N*m")) {
        motor = s.motor().orElseThrow(() -> new IllegalArgumentException(at + ".motor: plant action '" + drives
            + "' is a torque; give the motor between the bridge and the plant (resistance_ohm, "
            + "torque_constant_nm_per_a, gear_ratio, efficiency)"));
        String speedName = s.speed().orElseThrow(() -> new IllegalArgumentException(at + ".speed: the motor model "
            + "needs the output speed for its back-EMF; name the plant state variable, e.g. theta_dot"));
        speed = readout.reference(at + ".speed", speedName);
      } else if (!unit.equals("V")) {
        throw new IllegalArgumentException(at + ".drives: plant action '" + drives + "' is in " + unit
            + "; an hbridge drives a torque (N*m) through its motor, or a voltage (V)");
      }
    }
    HBridgeEmulation e = new HBridgeEmulation(h, chip, channel, gpio, supply, motor, speed, s.latencyTicks());
    if (actionIndex >= 0) {
      for (int i = 0; i < bridges.size(); i++) {
        if (bridgeAction[i] == actionIndex) {
          throw new IllegalArgumentException(at + ".drives: plant action '" + s.drives().get()
              + "' is already driven by hbridge '" + bridges.get(i).name() + "'");
        }
      }
    }
    bridgeAction[bridges.size()] = actionIndex;
    bridges.add(e);
    return e;
  }

  private int reference(String at, SimDeviceConfig s, String channel) {
    String variable = s.measures().get(channel);
    return variable == null ? UNBOUND : readout.reference(at + ".measures." + channel, variable);
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
    for (int i = 0; i < pwmChips.size(); i++) pwmChips.get(i).updateOutputEnable();
    for (int i = 0; i < bridges.size(); i++) {
      double out = bridges.get(i).actuate(readout);
      if (bridgeAction[i] >= 0) action[bridgeAction[i]] = out;
    }
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
   * driven by an H-bridge come from the bridge.
   */
  public void plantAction(int index, double value) {
    directAction[index] = true;
    action[index] = value;
  }

  /** Plant actions driven by an emulated H-bridge. */
  public boolean drivenByBridge(int index) {
    for (int a : bridgeAction) if (a == index) return true;
    return false;
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

  private static double configuredSupplyVoltage(RobotConfig config, SimConfig sim) {
    return sim.supply().voltageV().orElseGet(() -> config.devices().stream()
        .filter(HBridgeConfig.class::isInstance).map(d -> ((HBridgeConfig) d).supplyVoltageV())
        .findFirst().orElse(12.0));
  }

  private int countBridges() {
    return (int) config.devices().stream().filter(HBridgeConfig.class::isInstance).count();
  }
}
