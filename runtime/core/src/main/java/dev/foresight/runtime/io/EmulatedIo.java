package dev.foresight.runtime.io;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.SimRun;
import dev.foresight.sim.hardware.SimHardware;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated robot with devices: its drivers ({@link DeviceIo}) on chips emulated around the
 * plant, plus the plant's own variables for {@code plant.<variable>} sources (a state variable,
 * or else an observation) and targets. Each {@link #act} writes through the drivers, then steps
 * the plant once under what they commanded, as {@link PlantIo} does; the step's reward is the
 * {@link Simulation}'s cost.
 *
 * <p>Built by {@link DeviceIoAssembly#emulated}. {@link #sense} and {@link #act} never throw and
 * allocate nothing.
 */
public final class EmulatedIo implements RobotIo, Simulation {

  private final DeviceIo drivers;
  private final SimHardware hardware;
  private final SimRun run;
  private final List<String> rawNames;
  /** Per plant raw channel: the plant state index, or -(observation index) - 1. */
  private final int[] plantSources;
  private final int plantOffset;
  /** Per action: the plant action it sets directly, or -1 when a device takes it. */
  private final int[] plantTargets;
  private final double[] plantState;
  private final double[] plantObservation;
  private volatile double lastCost = Double.NaN;

  private EmulatedIo(DeviceIo drivers, SimHardware hardware, SimRun run, List<String> rawNames, int[] plantSources,
      int[] plantTargets) {
    this.drivers = drivers;
    this.hardware = hardware;
    this.run = run;
    this.rawNames = List.copyOf(rawNames);
    this.plantSources = plantSources;
    this.plantOffset = drivers.rawNames().size();
    this.plantTargets = plantTargets;
    this.plantState = new double[hardware.plant().spec().state().size()];
    this.plantObservation = new double[hardware.plant().spec().observation().size()];
  }

  /**
   * Adds the config's {@code plant.*} sources and targets to the drivers.
   *
   * @throws AssemblyException when one names a variable the plant does not have, a target a plant
   *                           action an emulated device already drives, or a plant action is left
   *                           without anything driving it
   */
  static EmulatedIo wire(RobotConfig config, DeviceIo drivers, SimHardware hardware, SimRun run)
      throws AssemblyException {
    PlantSpec spec = hardware.plant().spec();
    List<String> rawNames = new ArrayList<>(drivers.rawNames());
    List<Integer> plantSources = new ArrayList<>();
    for (int i = 0; i < config.state().size(); i++) {
      StateVariable s = config.state().get(i);
      if (rawNames.contains(s.source())) continue;
      String variable = s.source().substring(PlantIo.PREFIX.length());
      int stateIndex = spec.stateIndex(variable);
      int observationIndex = spec.observationIndex(variable);
      if (stateIndex < 0 && observationIndex < 0) {
        throw new AssemblyException("state[" + i + "].source: plant " + spec.name() + " has no state or observation "
            + "variable '" + variable + "' (it has " + String.join(", ", spec.stateNames()) + ")");
      }
      rawNames.add(s.source());
      plantSources.add(stateIndex >= 0 ? stateIndex : -1 - observationIndex);
    }
    int[] plantTargets = new int[config.action().size()];
    for (int i = 0; i < plantTargets.length; i++) {
      ActionVariable a = config.action().get(i);
      plantTargets[i] = -1;
      if (!a.target().startsWith(PlantIo.PREFIX)) continue;
      String action = a.target().substring(PlantIo.PREFIX.length());
      plantTargets[i] = spec.actionIndex(action);
      if (plantTargets[i] < 0) {
        throw new AssemblyException("action[" + i + "].target: plant " + spec.name() + " has no action '" + action
            + "' (it has " + String.join(", ", spec.actionNames()) + ")");
      }
      if (hardware.driverOf(plantTargets[i]).isPresent()) {
        String type = config.device(hardware.driverOf(plantTargets[i]).get()).orElseThrow().type();
        throw new AssemblyException("action[" + i + "].target: plant." + action + " is already driven by an emulated "
            + type + " (sim.devices.<bridge>.drives)");
      }
    }
    for (int j = 0; j < spec.action().size(); j++) {
      boolean direct = false;
      for (int t : plantTargets) direct |= t == j;
      if (!direct && hardware.driverOf(j).isEmpty()) {
        String name = spec.actionNames().get(j);
        throw new AssemblyException("sim.devices: nothing drives plant." + name + "; bind an hbridge to it "
            + "(sim.devices.<motor>.drives: " + name + ") or target plant." + name + " from an action");
      }
    }
    return new EmulatedIo(drivers, hardware, run, rawNames, plantSources.stream().mapToInt(Integer::intValue).toArray(),
        plantTargets);
  }

  @Override
  public List<String> rawNames() {
    return rawNames;
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] status) {
    drivers.sense(nowNs, raw, status);
    if (plantSources.length == 0) return;
    hardware.plant().state(plantState);
    hardware.plant().observation(plantObservation);
    for (int i = 0; i < plantSources.length; i++) {
      int source = plantSources[i];
      raw[plantOffset + i] = source >= 0 ? plantState[source] : plantObservation[-1 - source];
      status[plantOffset + i] = Status.OK;
    }
  }

  /** The drivers write, {@code plant.*} targets set the plant's action, then the plant steps. */
  @Override
  public void act(long nowNs, double[] action) {
    drivers.act(nowNs, action);
    for (int i = 0; i < plantTargets.length; i++) {
      if (plantTargets[i] >= 0) hardware.plantAction(plantTargets[i], action[i]);
    }
    lastCost = -hardware.step();
  }

  @Override
  public void actionStatus(byte[] status) {
    drivers.actionStatus(status);
    for (int i = 0; i < plantTargets.length; i++) if (plantTargets[i] >= 0) status[i] = Status.OK;
  }

  @Override
  public void safe() {
    drivers.safe();
  }

  /** The action's emulated actuator, made safe (a plant target has no output of its own between steps). */
  @Override
  public void safe(int action) {
    drivers.safe(action);
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  @Override
  public SimRun run() {
    return run;
  }

  /** The drivers, with their start-up report. */
  public DeviceIo drivers() {
    return drivers;
  }

  /** The emulated hardware around the plant. */
  public SimHardware hardware() {
    return hardware;
  }

  @Override
  public void close() {
    drivers.close();
  }
}
