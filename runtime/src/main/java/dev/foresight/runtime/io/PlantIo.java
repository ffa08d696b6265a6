package dev.foresight.runtime.io;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Perfect sensors and actuators on a simulated plant: {@code plant.<variable>} sources read the
 * plant's state, {@code plant.<variable>} targets set its action. Each {@link #act} applies the
 * action and advances the plant one step, so simulated time moves one plant step per tick.
 */
public final class PlantIo implements RobotIo {

  /** The prefix of sources and targets served here. */
  public static final String PREFIX = "plant.";

  private final Plant plant;
  private final List<String> rawNames;
  private final int[] rawToPlantState;
  private final int[] actionToPlantAction;
  private final double[] plantState;
  private final double[] plantAction;
  private final double[] safeAction;
  private volatile double lastCost = Double.NaN;

  private PlantIo(Plant plant, List<String> rawNames, int[] rawToPlantState, int[] actionToPlantAction,
      double[] safeAction) {
    this.plant = plant;
    this.rawNames = List.copyOf(rawNames);
    this.rawToPlantState = rawToPlantState;
    this.actionToPlantAction = actionToPlantAction;
    this.plantState = new double[plant.spec().state().size()];
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
    PlantSpec spec = plant.spec();
    List<String> rawNames = new ArrayList<>();
    List<Integer> rawToState = new ArrayList<>();
    for (int i = 0; i < config.state().size(); i++) {
      StateVariable s = config.state().get(i);
      if (rawNames.contains(s.source())) continue;
      int index = spec.stateIndex(plantVariable("state[" + i + "].source", s.source()));
      if (index < 0) {
        throw new AssemblyException("state[" + i + "].source: plant " + spec.name() + " has no state variable '"
            + s.source().substring(PREFIX.length()) + "' (it has " + String.join(", ", spec.stateNames()) + ")");
      }
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
    return new PlantIo(plant, rawNames, rawToState.stream().mapToInt(Integer::intValue).toArray(), actionMap, safe);
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
    for (int i = 0; i < rawToPlantState.length; i++) {
      raw[i] = plantState[rawToPlantState[i]];
      status[i] = ChannelStatus.OK;
    }
  }

  @Override
  public void act(long nowNs, double[] action) {
    for (int i = 0; i < actionToPlantAction.length; i++) plantAction[actionToPlantAction[i]] = action[i];
    lastCost = -plant.step(plantAction);
  }

  @Override
  public void safe() {
    // A simulated plant has no outputs to switch off; the next act() carries the safe values.
  }

  @Override
  public double plantCost() {
    return lastCost;
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
