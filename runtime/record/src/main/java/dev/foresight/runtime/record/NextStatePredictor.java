package dev.foresight.runtime.record;

import dev.foresight.config.Angles;
import dev.foresight.models.world.WorldModel;

/**
 * The world model's one-step prediction for a recorded tick: the next state from the tick's state
 * and the action actually applied, with the ensemble's spread (standard deviation across members,
 * 0 for a single model). Runs on the recorder thread with its own batch-1 model, so the control
 * thread does no extra work; the prediction is the same function of (state, applied action)
 * whenever it is computed.
 */
public final class NextStatePredictor implements AutoCloseable {

  private final WorldModel model;
  private final String label;
  private final boolean[] wrapped;
  private final float[] state;
  private final float[] action;
  private final float[] next;
  private final float[] members;

  /**
   * @param model   a world model of batch 1 (owned: closed with this predictor)
   * @param label   what the model is, for the channel's metadata (file name, or {@code simulator})
   * @param wrapped per state variable: an angle (predictions are wrapped to [-pi, pi))
   */
  public NextStatePredictor(WorldModel model, String label, boolean[] wrapped) {
    if (model.batch() != 1) throw new IllegalArgumentException("the predictor needs a batch-1 model");
    this.model = model;
    this.label = label;
    this.wrapped = wrapped.clone();
    this.state = new float[model.stateSize()];
    this.action = new float[model.actionSize()];
    this.next = new float[model.stateSize()];
    this.members = model.members() > 1 ? new float[model.members() * model.stateSize()] : null;
  }

  /** What the model is. */
  public String label() {
    return label;
  }

  /** Per state variable: an angle (predictions wrapped to [-pi, pi)). */
  public boolean[] wrapped() {
    return wrapped.clone();
  }

  /** Ensemble members (1 for a single model). */
  public int members() {
    return model.members();
  }

  /** Predicts the state after applying {@code applied} in {@code x}; fills {@code outNext} and {@code outSpread}. */
  public void predict(double[] x, double[] applied, double[] outNext, double[] outSpread) {
    for (int i = 0; i < state.length; i++) state[i] = (float) x[i];
    for (int j = 0; j < action.length; j++) action[j] = (float) applied[j];
    model.step(state, action, next, members);
    int s = state.length;
    for (int i = 0; i < s; i++) {
      outNext[i] = wrapped[i] ? Angles.wrap(next[i]) : next[i];
      double spread = 0;
      if (members != null) {
        // Spread around the ensemble mean, angles the short way round.
        int e = members.length / s;
        double sum = 0;
        for (int m = 0; m < e; m++) {
          double d = members[m * s + i] - next[i];
          if (wrapped[i]) d = Angles.wrap(d);
          sum += d * d;
        }
        spread = Math.sqrt(sum / e);
      }
      outSpread[i] = spread;
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
