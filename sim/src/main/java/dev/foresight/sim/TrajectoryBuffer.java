package dev.foresight.sim;

import java.util.Arrays;

/**
 * Preallocated storage for a plant's steps: {@link #append} copies the plant's state and
 * observation after each step into flat arrays and allocates nothing, so a control loop can
 * record while it runs. Keeps the first {@code capacity} steps and counts the rest.
 *
 * <p>One thread appends; {@link #toTrajectory} may be called once appending has stopped.
 */
public final class TrajectoryBuffer {

  private final Plant plant;
  private final PlantSpec spec;
  private final int capacity;
  private final int nState;
  private final int nAction;
  private final int nObservation;
  private final double[] initialState;
  private final double[] actions;
  private final double[] states;
  private final double[] observations;
  private final double[] rewards;
  private final boolean[] terminated;
  private final double[] scratchState;
  private final double[] scratchObservation;
  private int size;
  private long dropped;

  /**
   * @param plant    the plant to record, at its starting state (read now)
   * @param capacity most steps kept
   */
  public TrajectoryBuffer(Plant plant, int capacity) {
    this.plant = plant;
    this.spec = plant.spec();
    this.capacity = capacity;
    nState = spec.state().size();
    nAction = spec.action().size();
    nObservation = spec.observation().size();
    initialState = new double[nState];
    plant.state(initialState);
    actions = new double[capacity * nAction];
    states = new double[capacity * nState];
    observations = new double[capacity * nObservation];
    rewards = new double[capacity];
    terminated = new boolean[capacity];
    scratchState = new double[nState];
    scratchObservation = new double[nObservation];
  }

  /** Records the step just taken with {@code action}, which returned {@code reward}. Allocation-free. */
  public void append(double[] action, double reward) {
    if (size == capacity) {
      dropped++;
      return;
    }
    plant.state(scratchState);
    plant.observation(scratchObservation);
    System.arraycopy(action, 0, actions, size * nAction, nAction);
    System.arraycopy(scratchState, 0, states, size * nState, nState);
    System.arraycopy(scratchObservation, 0, observations, size * nObservation, nObservation);
    rewards[size] = reward;
    terminated[size] = plant.terminated();
    size++;
  }

  /** Steps recorded. */
  public int size() {
    return size;
  }

  /** Steps that did not fit. */
  public long dropped() {
    return dropped;
  }

  /** A copy of what was recorded. */
  public Trajectory toTrajectory() {
    double[][] a = new double[size][];
    double[][] s = new double[size][];
    double[][] o = new double[size][];
    for (int k = 0; k < size; k++) {
      a[k] = Arrays.copyOfRange(actions, k * nAction, (k + 1) * nAction);
      s[k] = Arrays.copyOfRange(states, k * nState, (k + 1) * nState);
      o[k] = Arrays.copyOfRange(observations, k * nObservation, (k + 1) * nObservation);
    }
    return new Trajectory(spec, initialState.clone(), a, s, o, Arrays.copyOf(rewards, size),
        Arrays.copyOf(terminated, size));
  }
}
