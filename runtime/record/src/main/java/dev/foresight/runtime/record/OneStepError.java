package dev.foresight.runtime.record;

import dev.foresight.config.Angles;

/**
 * The world model's one-step error, tick by tick: at each tick, what the model predicted one tick
 * earlier (from the state and the action actually applied) is compared with the state that came,
 * then the prediction for the next tick is made. A gap in the ticks (a dropped tick, a new
 * episode) skips one comparison. Used off the control thread (the recorder, the link's metrics);
 * allocation-free.
 *
 * <pre>{@code
 * if (oneStep.compare(f.tick, f.state)) use(oneStep.predicted(), oneStep.spread(), oneStep.error());
 * oneStep.predict(f.tick, f.state, f.applied);
 * }</pre>
 */
public final class OneStepError implements AutoCloseable {

  private final NextStatePredictor predictor;
  private final boolean[] wrapped;
  private final double[] predicted;
  private final double[] spread;
  private final double[] error;
  private long predictedForTick = -1;

  /** Errors of {@code predictor} (owned: closed with this); angles are compared the short way round. */
  public OneStepError(NextStatePredictor predictor) {
    this.predictor = predictor;
    this.wrapped = predictor.wrapped();
    this.predicted = new double[wrapped.length];
    this.spread = new double[wrapped.length];
    this.error = new double[wrapped.length];
  }

  /**
   * Compares the prediction made for {@code tick} with {@code state}; false when there is none
   * (the first tick, or after a gap). When true, {@link #predicted()}, {@link #spread()} and
   * {@link #error()} ({@code state - predicted}) describe it until the next {@link #predict}.
   */
  public boolean compare(long tick, double[] state) {
    if (predictedForTick != tick) return false;
    for (int i = 0; i < error.length; i++) {
      double e = state[i] - predicted[i];
      error[i] = wrapped[i] ? Angles.wrap(e) : e;
    }
    return true;
  }

  /** Predicts the state of {@code tick + 1} from this tick's state and applied action. */
  public void predict(long tick, double[] state, double[] applied) {
    predictor.predict(state, applied, predicted, spread);
    predictedForTick = tick + 1;
  }

  /** Forgets the pending prediction (a new episode starts). */
  public void reset() {
    predictedForTick = -1;
  }

  /** What the model is (file name, or the simulator). */
  public String label() {
    return predictor.label();
  }

  /** Ensemble members (1 for a single model). */
  public int members() {
    return predictor.members();
  }

  /** The prediction compared last. */
  public double[] predicted() {
    return predicted;
  }

  /** The ensemble's spread around it (0 for a single model). */
  public double[] spread() {
    return spread;
  }

  /** {@code state - predicted}, angles wrapped. */
  public double[] error() {
    return error;
  }

  @Override
  public void close() {
    predictor.close();
  }
}
