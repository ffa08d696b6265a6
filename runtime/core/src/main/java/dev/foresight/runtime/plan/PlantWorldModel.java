package dev.foresight.runtime.plan;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.models.world.WorldModel;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;

/**
 * The simulator's plant as a {@link WorldModel}: ground truth for planners, an upper bound on what
 * a learned model can achieve. Each sample is one reset-and-step of a private plant instance (the
 * plant's own equations in double precision; states travel as float32 like a learned model's).
 *
 * <p>It lives in the runtime because planning ({@code models}) and the simulator ({@code sim})
 * never import each other; the runtime composes them.
 *
 * <pre>{@code
 * WorldModel truth = PlantWorldModel.of(config, Plants.create("pendulum"), 1024);
 * }</pre>
 */
public final class PlantWorldModel implements WorldModel {

  private final Plant plant;
  private final int batch;
  private final int[] stateToPlant;
  private final int[] actionToPlant;
  private final double[] plantState;
  private final double[] plantAction;
  private final double[] fixedAction;

  private PlantWorldModel(Plant plant, int batch, int[] stateToPlant, int[] actionToPlant, double[] fixedAction) {
    this.plant = plant;
    this.batch = batch;
    this.stateToPlant = stateToPlant;
    this.actionToPlant = actionToPlant;
    this.plantState = new double[plant.spec().state().size()];
    this.plantAction = new double[plant.spec().action().size()];
    this.fixedAction = fixedAction;
  }

  /**
   * Maps the config's state and action variables onto a fresh plant (by {@code plant.<variable>}
   * source or target, else by name).
   *
   * @throws IllegalArgumentException (one line) when a plant state variable has no config state
   *                                  variable: the plant could not be reset to a predicted state
   */
  public static PlantWorldModel of(RobotConfig config, Plant plant, int batch) {
    PlantSpec spec = plant.spec();
    int[] stateMap = new int[config.state().size()];
    boolean[] covered = new boolean[spec.state().size()];
    for (int i = 0; i < stateMap.length; i++) {
      StateVariable s = config.state().get(i);
      int index = spec.stateIndex(plantName(s.source(), s.name()));
      if (index < 0) index = spec.stateIndex(s.name());
      if (index < 0) {
        throw new IllegalArgumentException("state[" + i + "]: '" + s.name() + "' is not a state variable of plant "
            + spec.name() + " (" + String.join(", ", spec.stateNames()) + "), so the simulator cannot predict it");
      }
      stateMap[i] = index;
      covered[index] = true;
    }
    for (int j = 0; j < covered.length; j++) {
      if (!covered[j]) {
        throw new IllegalArgumentException("state: plant " + spec.name() + " variable " + spec.stateNames().get(j)
            + " has no state variable, so the simulator cannot be reset to a predicted state");
      }
    }
    int[] actionMap = new int[config.action().size()];
    double[] fixed = new double[spec.action().size()];
    for (int i = 0; i < actionMap.length; i++) {
      ActionVariable a = config.action().get(i);
      int index = spec.actionIndex(plantName(a.target(), a.name()));
      if (index < 0) index = spec.actionIndex(a.name());
      if (index < 0) {
        throw new IllegalArgumentException("action[" + i + "]: '" + a.name() + "' is not an action of plant " + spec.name()
            + " (" + String.join(", ", spec.actionNames()) + ")");
      }
      actionMap[i] = index;
    }
    return new PlantWorldModel(plant, batch, stateMap, actionMap, fixed);
  }

  private static String plantName(String reference, String fallback) {
    return reference.startsWith("plant.") ? reference.substring("plant.".length()) : fallback;
  }

  @Override
  public int stateSize() {
    return stateToPlant.length;
  }

  @Override
  public int actionSize() {
    return actionToPlant.length;
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public int members() {
    return 1;
  }

  @Override
  public void step(float[] state, float[] action, float[] next, float[] members) {
    int s = stateToPlant.length;
    int a = actionToPlant.length;
    for (int k = 0; k < batch; k++) {
      for (int i = 0; i < s; i++) plantState[stateToPlant[i]] = state[k * s + i];
      System.arraycopy(fixedAction, 0, plantAction, 0, plantAction.length);
      for (int j = 0; j < a; j++) plantAction[actionToPlant[j]] = action[k * a + j];
      plant.reset(plantState);
      plant.step(plantAction);
      plant.state(plantState);
      for (int i = 0; i < s; i++) next[k * s + i] = (float) plantState[stateToPlant[i]];
    }
  }
}
