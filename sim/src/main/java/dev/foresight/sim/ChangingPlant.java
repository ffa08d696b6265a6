package dev.foresight.sim;

import java.util.random.RandomGenerator;

/**
 * A plant that changes mid-run: the nominal plant until step {@code atStep}, then the same plant
 * with a {@link PlantChange} applied (its state carried over), for testing how a controller and its
 * world model cope when the robot stops being the one they were made for.
 *
 * <ul>
 *   <li>Parameters: from the change step on, a second plant built with the changed parameters
 *       steps, started from the nominal plant's state.</li>
 *   <li>Actuator gain: each action is multiplied by the gain, then the plant clips it as usual
 *       (a weaker motor: at gain 0.7 a full command gives 70% of the torque).</li>
 *   <li>Latency: the plant applies the action given {@code latencyTicks} steps earlier (before the
 *       change: the action of the step itself; at the change, the most recent ones in order).</li>
 *   <li>Sensor bias: {@link #state} reads the state plus the bias; {@link #trueState} the truth.
 *       Rewards and termination are the plant's own, on the true state. Observations are unbiased.</li>
 * </ul>
 * Allocation-free per step. Resetting starts a new run: nominal again until {@code atStep}.
 *
 * <pre>{@code
 * Plant plant = ChangingPlant.of("pendulum", Plants.defaults("pendulum"), PlantChange.none().scale("mass", 1.3), 20);
 * }</pre>
 */
public final class ChangingPlant implements Plant {

  private final Plant nominal;
  private final Plant changed;
  private final PlantChange change;
  private final long atStep;
  private final double[] bias;
  private final double[] carried;
  private final double[][] pending;
  private final double[] applied;
  private long steps;
  private int head;

  private ChangingPlant(Plant nominal, Plant changed, PlantChange change, long atStep) {
    this.nominal = nominal;
    this.changed = changed;
    this.change = change;
    this.atStep = atStep;
    this.bias = change.biasVector(nominal.spec());
    this.carried = new double[nominal.spec().state().size()];
    int a = nominal.spec().action().size();
    this.pending = new double[change.latencyTicks() + 1][a];
    this.applied = new double[a];
  }

  /**
   * The plant {@code kind} with {@code parameters} until step {@code atStep}, changed from then on.
   *
   * @throws IllegalArgumentException for a change that names a parameter or state variable the
   *                                  plant does not have, or a value outside a parameter's range
   */
  public static ChangingPlant of(String kind, Parameters parameters, PlantChange change, long atStep) {
    if (atStep < 0) throw new IllegalArgumentException("the change step " + atStep + " must be >= 0");
    Plant nominal = Plants.create(kind, parameters);
    Plant changed = change.changesParameters() ? Plants.create(kind, change.applyTo(parameters)) : nominal;
    return new ChangingPlant(nominal, changed, change, atStep);
  }

  /** The change. */
  public PlantChange change() {
    return change;
  }

  /** The step at which the change takes effect (the first step of the changed plant). */
  public long changeStep() {
    return atStep;
  }

  /** Whether the change is in effect (the next step is taken by the changed plant). */
  public boolean changed() {
    return steps >= atStep;
  }

  /** Steps taken since the last reset. */
  public long steps() {
    return steps;
  }

  private Plant active() {
    return steps >= atStep ? changed : nominal;
  }

  @Override
  public PlantSpec spec() {
    return nominal.spec();
  }

  @Override
  public void reset(double[] state) {
    nominal.reset(state);
    restart();
  }

  @Override
  public void reset(RandomGenerator random) {
    nominal.reset(random);
    restart();
  }

  private void restart() {
    steps = 0;
    head = 0;
    for (double[] p : pending) java.util.Arrays.fill(p, 0.0);
    if (atStep == 0) handOver();
  }

  /** The changed plant takes over from the nominal plant's state. */
  private void handOver() {
    if (changed == nominal) return;
    nominal.state(carried);
    changed.reset(carried);
  }

  @Override
  public double step(double[] action) {
    boolean after = steps >= atStep;
    double[] slot = pending[head];
    System.arraycopy(action, 0, slot, 0, slot.length);
    head = (head + 1) % pending.length;
    // Before the change the action goes straight through; after it, the one latencyTicks steps old
    // (pending is a ring of the last latencyTicks + 1 actions, head now at the oldest).
    double[] source = after ? pending[head] : slot;
    double gain = after ? change.actuatorGain() : 1.0;
    for (int j = 0; j < applied.length; j++) applied[j] = source[j] * gain;
    double reward = active().step(applied);
    steps++;
    if (steps == atStep) handOver();
    return reward;
  }

  /** The state as the sensors read it: the true state plus the sensor bias once changed. */
  @Override
  public void state(double[] out) {
    active().state(out);
    if (changed()) {
      for (int i = 0; i < out.length; i++) out[i] += bias[i];
    }
  }

  /** The true state, without sensor bias. */
  public void trueState(double[] out) {
    active().state(out);
  }

  @Override
  public void observation(double[] out) {
    active().observation(out);
  }

  @Override
  public boolean terminated() {
    return active().terminated();
  }
}
