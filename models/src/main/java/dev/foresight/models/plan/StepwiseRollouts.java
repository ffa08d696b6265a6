package dev.foresight.models.plan;

import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.world.ValueModel;
import dev.foresight.models.world.WorldModel;

/**
 * Rollouts with one world-model call per horizon step for all K samples, and the cost computed in
 * Java as the states come back. Works with any {@link WorldModel} (ONNX, or the simulator's plant).
 *
 * <p>With an ensemble, sample {@code k} follows member {@code k mod E} for the whole horizon
 * (trajectory sampling, as in PETS), and the members' variance feeds the disagreement term.
 *
 * <p>With a {@link #correctWith correction}, each step's prediction gets the online correction
 * added ({@code next += W phi(state, action, previous action)}, the trust stage's adaptation) before
 * the cost sees it: the planner then plans on model + correction.
 */
public final class StepwiseRollouts implements Rollouts {

  private final WorldModel model;
  private final CostFunction cost;
  private final ValueModel value;
  private final float valueWeight;
  private final int k;
  private final int h;
  private final int s;
  private final int a;
  private final int e;
  private final float[] state;
  private final float[] next;
  private final float[] action;
  private final float[] previous;
  private final float[] members;
  private final boolean followMembers;
  private final float[] variance;
  private final float[] values;
  private final String description;
  private ResidualCorrection correction;
  private boolean closed;

  /**
   * @param model       the world model, batched for the planner's K samples
   * @param cost        the cost terms
   * @param value       learned terminal value on the same batch, or null
   * @param valueWeight weight of the value (subtracted from the cost)
   * @param horizon     steps per sequence
   * @param description how the model runs, for logs
   */
  public StepwiseRollouts(WorldModel model, CostFunction cost, ValueModel value, double valueWeight, int horizon,
      String description) {
    this(model, cost, value, valueWeight, horizon, description, true);
  }

  /**
   * As above; with {@code followMembers} false, every sample follows an ensemble's mean
   * ({@code next_state}) and the members only feed the variance.
   */
  public StepwiseRollouts(WorldModel model, CostFunction cost, ValueModel value, double valueWeight, int horizon,
      String description, boolean followMembers) {
    this.followMembers = followMembers;
    this.model = model;
    this.cost = cost;
    this.value = value;
    this.valueWeight = (float) valueWeight;
    this.k = model.batch();
    this.h = horizon;
    this.s = model.stateSize();
    this.a = model.actionSize();
    this.e = model.members();
    this.state = new float[k * s];
    this.next = new float[k * s];
    this.action = new float[k * a];
    this.previous = new float[k * a];
    this.members = e > 1 ? new float[e * k * s] : null;
    this.variance = e > 1 ? new float[k * s] : null;
    this.values = value != null ? new float[k] : null;
    this.description = description;
  }

  @Override
  public int samples() {
    return k;
  }

  @Override
  public int horizon() {
    return h;
  }

  @Override
  public int stateSize() {
    return s;
  }

  @Override
  public int actionSize() {
    return a;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void evaluate(float[] state0, float[] lastAction, float[] actions, float[] costs) {
    for (int i = 0; i < k; i++) {
      System.arraycopy(state0, 0, state, i * s, s);
      System.arraycopy(lastAction, 0, previous, i * a, a);
      costs[i] = 0;
    }
    for (int t = 0; t < h; t++) {
      System.arraycopy(actions, t * k * a, action, 0, k * a);
      model.step(state, action, next, members);
      if (members != null) followMembers();
      if (correction != null) correction.applyBatch(0, k, state, action, previous, next);
      invalidateNonFinite(costs);
      cost.stage(k, next, action, previous, variance, costs);
      System.arraycopy(next, 0, state, 0, k * s);
      System.arraycopy(action, 0, previous, 0, k * a);
    }
    cost.terminal(k, state, costs);
    if (value != null) {
      value.value(state, values);
      for (int i = 0; i < k; i++) costs[i] -= valueWeight * values[i];
    }
    Rollouts.sanitize(costs, k);
  }

  /**
   * Plans on model + {@code c} from the next {@link #evaluate} on (null: the model alone). The
   * caller owns {@code c} and changes its weights only between evaluations, on the planner's thread.
   */
  public void correctWith(ResidualCorrection c) {
    this.correction = c;
  }

  /**
   * A sample whose predicted state is NaN or infinite in any variable is invalid, even where no cost
   * term weighs that variable: its cost becomes NaN (and stays NaN, whatever is added later).
   */
  private void invalidateNonFinite(float[] costs) {
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < s; j++) {
        if (!Float.isFinite(next[i * s + j])) {
          costs[i] = Float.NaN;
          break;
        }
      }
    }
  }

  /** next[k] := member (k mod E)'s prediction; variance[k] := variance over members. */
  private void followMembers() {
    int plane = k * s;
    for (int i = 0; i < k; i++) {
      int m = i % e;
      for (int j = 0; j < s; j++) {
        float mean = 0;
        for (int q = 0; q < e; q++) mean += members[q * plane + i * s + j];
        mean /= e;
        float var = 0;
        for (int q = 0; q < e; q++) {
          float d = members[q * plane + i * s + j] - mean;
          var += d * d;
        }
        variance[i * s + j] = var / e;
        if (followMembers) next[i * s + j] = members[m * plane + i * s + j];
      }
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    model.close();
    if (value != null) value.close();
  }
}
