package dev.foresight.sim;

/**
 * What a plant did over a run: its start, then per step the action applied, the state and
 * observation after the step, the reward and whether the step terminated the episode. Step
 * {@code k} ends at time {@code (k + 1) * spec.dtS()}.
 *
 * @param spec         the plant's variables, time step and parameters
 * @param initialState the state before the first step
 * @param actions      per step, the action as given (before the plant's own clipping)
 * @param states       per step, the state after it
 * @param observations per step, the observation after it
 * @param rewards      per step, its reward
 * @param terminated   per step, whether it ended the episode
 */
public record Trajectory(PlantSpec spec, double[] initialState, double[][] actions, double[][] states,
    double[][] observations, double[] rewards, boolean[] terminated) {

  /** Number of steps. */
  public int steps() {
    return rewards.length;
  }

  /** Runs {@code actions} on {@code plant} from {@code state}, stopping after a terminating step. */
  public static Trajectory rollout(Plant plant, double[] state, double[][] actions) {
    plant.reset(state);
    TrajectoryBuffer buffer = new TrajectoryBuffer(plant, actions.length);
    for (double[] action : actions) {
      double reward = plant.step(action);
      buffer.append(action, reward);
      if (plant.terminated()) break;
    }
    return buffer.toTrajectory();
  }
}
