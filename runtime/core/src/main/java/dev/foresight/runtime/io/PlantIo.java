package dev.foresight.runtime.io;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.SimRun;
import dev.foresight.sim.TrajectoryBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Perfect sensors and actuators on a simulated plant: {@code plant.<variable>} sources read the
 * plant's state variable of that name, or else its observation variable (the rover's {@code accel_x},
 * {@code battery_voltage}); {@code plant.<variable>} targets set its action. Each {@link #act}
 * applies the action and advances the plant one step, so simulated time moves one plant step per
 * tick. A {@link TrajectoryBuffer} given to {@link #record} captures every step (for plots).
 */
public final class PlantIo implements RobotIo, Simulation {

  /** The prefix of sources and targets served here. */
  public static final String PREFIX = "plant.";

  private final SimRun run;
  private final Plant plant;
  private final List<String> rawNames;
  /** Per raw channel: the plant state index, or -(observation index) - 1. */
  private final int[] rawToPlantState;
  private final int[] actionToPlantAction;
  private final double[] plantState;
  private final double[] plantObservation;
  private final boolean readsObservation;
  private final double[] plantAction;
  private final double[] safeAction;
  private volatile double lastCost = Double.NaN;
  private volatile TrajectoryBuffer recording;

  private PlantIo(SimRun run, Plant plant, List<String> rawNames, int[] rawToPlantState, int[] actionToPlantAction,
      double[] safeAction) {
    this.run = run;
    this.plant = plant;
    this.rawNames = List.copyOf(rawNames);
    this.rawToPlantState = rawToPlantState;
    this.actionToPlantAction = actionToPlantAction;
    this.plantState = new double[plant.spec().state().size()];
    this.plantObservation = new double[plant.spec().observation().size()];
    boolean observed = false;
    for (int index : rawToPlantState) observed |= index < 0;
    this.readsObservation = observed;
    this.plantAction = new double[plant.spec().action().size()];
    this.safeAction = safeAction;
  }

  /**
   * Maps a config's {@code plant.*} sources and targets onto the plant.
   *
   * @throws AssemblyException when a source or target names a variable the plant does not have,
   *                           or a plant action is left without a target
   */
  public static PlantIo wire(Plant plant, RobotConfig config) throws AssemblyException {
    return wire(null, plant, config);
  }

  /** Maps a config's {@code plant.*} sources and targets onto a simulated run's plant. */
  public static PlantIo wire(SimRun run, RobotConfig config) throws AssemblyException {
    return wire(run, run.plant(), config);
  }

  private static PlantIo wire(SimRun run, Plant plant, RobotConfig config) throws AssemblyException {
    PlantSpec spec = plant.spec();
    List<String> rawNames = new ArrayList<>();
    List<Integer> rawToState = new ArrayList<>();
    for (int i = 0; i < config.state().size(); i++) {
      StateVariable s = config.state().get(i);
      if (rawNames.contains(s.source())) continue;
      String variable = plantVariable("state[" + i + "].source", s.source());
      int stateIndex = spec.stateIndex(variable);
      int observationIndex = spec.observationIndex(variable);
      if (stateIndex < 0 && observationIndex < 0) {
        List<String> extra = spec.observationNames().stream().filter(n -> !spec.stateNames().contains(n)).toList();
        throw new AssemblyException("state[" + i + "].source: plant " + spec.name() + " has no state variable '"
            + variable + "' (it has " + String.join(", ", spec.stateNames())
            + (extra.isEmpty() ? "" : "; observations " + String.join(", ", extra)) + ")");
      }
      int index = stateIndex >= 0 ? stateIndex : -observationIndex - 1;
      rawNames.add(s.source());
      rawToState.add(index);
    }
    int[] actionMap = new int[config.action().size()];
    double[] safe = new double[spec.action().size()];
    boolean[] covered = new boolean[spec.action().size()];
    for (int i = 0; i < config.action().size(); i++) {
      ActionVariable a = config.action().get(i);
      int index = spec.actionIndex(plantVariable("action[" + i + "].target", a.target()));
      if (index < 0) {
        throw new AssemblyException("action[" + i + "].target: plant " + spec.name() + " has no action '"
            + a.target().substring(PREFIX.length()) + "' (it has " + String.join(", ", spec.actionNames()) + ")");
      }
      actionMap[i] = index;
      safe[index] = a.safe();
      covered[index] = true;
    }
    for (int j = 0; j < covered.length; j++) {
      if (!covered[j]) {
        throw new AssemblyException("action: no action variable targets plant." + spec.actionNames().get(j)
            + "; plant " + spec.name() + " needs one for each of " + String.join(", ", spec.actionNames()));
      }
    }
    return new PlantIo(run, plant, rawNames, rawToState.stream().mapToInt(Integer::intValue).toArray(), actionMap, safe);
  }

  private static String plantVariable(String at, String reference) throws AssemblyException {
    if (!reference.startsWith(PREFIX)) {
      throw new AssemblyException(at + ": '" + reference + "' needs a device driver, which this build does not "
          + "have yet; use plant.<variable> for the simulator's perfect sensors and actuators");
    }
    return reference.substring(PREFIX.length());
  }

  @Override
  public List<String> rawNames() {
    return rawNames;
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] status) {
    plant.state(plantState);
    if (readsObservation) plant.observation(plantObservation);
    for (int i = 0; i < rawToPlantState.length; i++) {
      int index = rawToPlantState[i];
      raw[i] = index >= 0 ? plantState[index] : plantObservation[-index - 1];
      status[i] = Status.OK;
    }
  }

  @Override
  public void act(long nowNs, double[] action) {
    for (int i = 0; i < actionToPlantAction.length; i++) plantAction[actionToPlantAction[i]] = action[i];
    double reward = plant.step(plantAction);
    lastCost = -reward;
    TrajectoryBuffer r = recording;
    if (r != null) r.append(plantAction, reward);
  }

  /**
   * Records every following step into {@code buffer} (made for this plant), until it is full.
   * Call before the loop starts.
   */
  public void record(TrajectoryBuffer buffer) {
    recording = buffer;
  }

  @Override
  public void safe() {
    // A simulated plant has no outputs to switch off; the next act() carries the safe values.
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  /** The simulated run (seed, parameters, initial state), or null when wired to a bare plant. */
  @Override
  public SimRun run() {
    return run;
  }

  /** The plant, for tests and the simulator's own reports. */
  public Plant plant() {
    return plant;
  }

  /** Safe values in plant action order. */
  double[] safeAction() {
    return safeAction.clone();
  }

  @Override
  public void close() {
    safe();
  }
}
