package dev.foresight.models.trust;

import dev.foresight.config.Angles;
import java.util.Arrays;

/**
 * A correction the robot learns from its own ticks: a linear head on top of the world model that
 * predicts what the model gets wrong, fitted by recursive least squares with forgetting,
 *
 * <pre>
 *   x_next = f(x, u) + W phi(x, u, u_prev)
 *   phi    = [sin theta, cos theta (angles) | x_j (others) | u | u_prev | 1]
 * </pre>
 *
 * Physical changes a learned model misses are mostly linear in these features: a heavier pendulum or
 * a weaker motor scales the action's effect ({@code u}), friction adds a term in the velocity, a sensor
 * bias shifts the angle (a term in {@code sin}, {@code cos}), one more tick of actuation latency makes
 * the previous action act ({@code u_prev}). Neural-Fly and GrBAL adapt the same way: a few parameters,
 * updated every tick, on a small computer.
 *
 * <p>RLS with a shared covariance {@code P} (every output sees the same features): per update
 * {@code K = P phi / (lambda + phi' P phi)}, {@code W += (r - W phi) K'}, {@code P = (P - K phi' P) / lambda}
 * with {@code r} the model's residual. Two guards keep it stable on a robot that sits still: forgetting
 * applies only while the features excite {@code P} ({@code phi' P phi} above {@code minExcitation}), so
 * {@code P} does not grow without information, and its trace is capped. Not thread-safe; allocation-free
 * once built.
 *
 * <pre>{@code
 * ResidualCorrection c = new ResidualCorrection(wrapped, 1, ResidualCorrection.Settings.defaults());
 * c.update(x, u, uPrev, modelPrediction, xNext);   // every tick, off the control thread
 * c.apply(x, u, uPrev, prediction);                 // prediction += W phi
 * }</pre>
 */
public final class ResidualCorrection {

  /**
   * @param forgetting      RLS forgetting factor lambda (0.995: a memory of about 200 ticks)
   * @param initialVariance the prior variance of each weight ({@code P = initialVariance * I})
   * @param traceCap        the largest trace {@code P} may reach
   * @param minExcitation   {@code phi' P phi} below which an update does not forget
   */
  public record Settings(double forgetting, double initialVariance, double traceCap, double minExcitation) {

    /** lambda 0.995, prior variance 10, trace cap 1e4, excitation 1e-4. */
    public static Settings defaults() {
      return new Settings(0.995, 10.0, 1e4, 1e-4);
    }

    /** The settings of {@code trust.adaptation} (prior variance 10). */
    public static Settings of(dev.foresight.config.TrustConfig.Adaptation a) {
      return new Settings(a.forgetting(), 10.0, a.traceCap(), a.minExcitation());
    }
  }

  private final boolean[] wrapped;
  private final int stateSize;
  private final int actionSize;
  private final int features;
  private final Settings settings;
  private final double[] weights;   // stateSize x features, row-major
  private final double[] p;         // features x features
  private final double[] phi;
  private final double[] pPhi;
  private final double[] gain;
  private final double[] residual;
  private long updates;
  private int version;

  /**
   * @param wrapped    per state variable: an angle (enters as sine and cosine, corrected the short way round)
   * @param actionSize action variables
   * @param settings   RLS settings
   */
  public ResidualCorrection(boolean[] wrapped, int actionSize, Settings settings) {
    this.wrapped = wrapped.clone();
    this.stateSize = wrapped.length;
    this.actionSize = actionSize;
    int angles = 0;
    for (boolean w : wrapped) if (w) angles++;
    this.features = stateSize + angles + 2 * actionSize + 1;
    this.settings = settings;
    this.weights = new double[stateSize * features];
    this.p = new double[features * features];
    this.phi = new double[features];
    this.pPhi = new double[features];
    this.gain = new double[features];
    this.residual = new double[stateSize];
    reset();
  }

  /** Features per sample: one per state variable (two per angle), two per action variable, and a bias. */
  public int features() {
    return features;
  }

  /** Fills {@code out} with the features of (x, u, u_prev). */
  public void features(double[] x, double[] u, double[] uPrev, double[] out) {
    int f = 0;
    for (int i = 0; i < stateSize; i++) {
      if (wrapped[i]) {
        out[f++] = Math.sin(x[i]);
        out[f++] = Math.cos(x[i]);
      } else {
        out[f++] = x[i];
      }
    }
    for (int j = 0; j < actionSize; j++) out[f++] = u[j];
    for (int j = 0; j < actionSize; j++) out[f++] = uPrev[j];
    out[f] = 1.0;
  }

  /** Adds the correction to {@code prediction} (the model's next state for x, u), angles wrapped. */
  public void apply(double[] x, double[] u, double[] uPrev, double[] prediction) {
    features(x, u, uPrev, phi);
    for (int i = 0; i < stateSize; i++) {
      double d = 0;
      int row = i * features;
      for (int f = 0; f < features; f++) d += weights[row + f] * phi[f];
      double corrected = prediction[i] + d;
      prediction[i] = wrapped[i] ? Angles.wrap(corrected) : corrected;
    }
  }

  /**
   * Adds the correction to a batch of float predictions, as rollouts need: for samples
   * {@code first .. first + count - 1}, {@code next[n] += W phi(state[n], action[n], previous[n])}
   * (rows of {@code stateSize} and {@code actionSize}), angles wrapped. Allocation-free.
   */
  public void applyBatch(int first, int count, float[] state, float[] action, float[] previous, float[] next) {
    int s = stateSize;
    int a = actionSize;
    for (int n = first; n < first + count; n++) {
      int f = 0;
      for (int i = 0; i < s; i++) {
        double x = state[n * s + i];
        if (wrapped[i]) {
          phi[f++] = Math.sin(x);
          phi[f++] = Math.cos(x);
        } else {
          phi[f++] = x;
        }
      }
      for (int j = 0; j < a; j++) phi[f++] = action[n * a + j];
      for (int j = 0; j < a; j++) phi[f++] = previous[n * a + j];
      phi[f] = 1.0;
      for (int i = 0; i < s; i++) {
        double d = 0;
        int row = i * features;
        for (int q = 0; q < features; q++) d += weights[row + q] * phi[q];
        double corrected = next[n * s + i] + d;
        next[n * s + i] = (float) (wrapped[i] ? Angles.wrap(corrected) : corrected);
      }
    }
  }

  /**
   * One RLS step on a tick the robot lived: {@code modelPrediction} is what the model alone predicted
   * for (x, u), {@code xNext} the state that came.
   *
   * @return false when the tick was skipped (a non-finite value anywhere)
   */
  public boolean update(double[] x, double[] u, double[] uPrev, double[] modelPrediction, double[] xNext) {
    for (int i = 0; i < stateSize; i++) {
      double r = xNext[i] - modelPrediction[i];
      residual[i] = wrapped[i] ? Angles.wrap(r) : r;
      if (!Double.isFinite(residual[i]) || !Double.isFinite(x[i])) return false;
    }
    for (int j = 0; j < actionSize; j++) if (!Double.isFinite(u[j]) || !Double.isFinite(uPrev[j])) return false;
    features(x, u, uPrev, phi);
    double excitation = 0;
    for (int a = 0; a < features; a++) {
      double s = 0;
      int row = a * features;
      for (int b = 0; b < features; b++) s += p[row + b] * phi[b];
      pPhi[a] = s;
      excitation += phi[a] * s;
    }
    double lambda = excitation > settings.minExcitation() ? settings.forgetting() : 1.0;
    double denominator = lambda + excitation;
    for (int a = 0; a < features; a++) gain[a] = pPhi[a] / denominator;
    for (int i = 0; i < stateSize; i++) {
      int row = i * features;
      double predicted = 0;
      for (int f = 0; f < features; f++) predicted += weights[row + f] * phi[f];
      double error = residual[i] - predicted;
      for (int f = 0; f < features; f++) weights[row + f] += error * gain[f];
    }
    // P = (P - K (P phi)') / lambda; P stays symmetric because K is P phi scaled.
    double trace = 0;
    for (int a = 0; a < features; a++) {
      int row = a * features;
      for (int b = 0; b < features; b++) p[row + b] = (p[row + b] - gain[a] * pPhi[b]) / lambda;
      trace += p[row + a];
    }
    if (trace > settings.traceCap()) {
      double scale = settings.traceCap() / trace;
      for (int a = 0; a < p.length; a++) p[a] *= scale;
    }
    updates++;
    return true;
  }

  /** Ticks learned from since the last {@link #reset()}. */
  public long updates() {
    return updates;
  }

  /** Marks the weights as a new version (a swap into the planner); returns it. */
  public int bumpVersion() {
    return ++version;
  }

  /** The version last bumped (0 before any swap). */
  public int version() {
    return version;
  }

  /** The weights, {@code stateSize x features} row-major, into {@code out} (for a swap or a recording). */
  public void copyWeights(double[] out) {
    System.arraycopy(weights, 0, out, 0, weights.length);
  }

  /** Sets the weights (a swap on the receiving side, or a replay). */
  public void setWeights(double[] in) {
    System.arraycopy(in, 0, weights, 0, weights.length);
  }

  /** Size of {@link #copyWeights}'s array. */
  public int weightCount() {
    return weights.length;
  }

  /**
   * Back to the prior covariance, keeping the weights: the ticks learned from so far belong to
   * another regime (the monitor alarmed), so the next ones should move the weights as fast as at the
   * start (covariance resetting, as adaptive controllers do after a detected change).
   */
  public void resetCovariance() {
    Arrays.fill(p, 0);
    for (int a = 0; a < features; a++) p[a * features + a] = settings.initialVariance();
  }

  /** Whether every weight is finite. */
  public boolean finite() {
    for (double w : weights) if (!Double.isFinite(w)) return false;
    return true;
  }

  /** Back to no correction and the prior covariance. */
  public void reset() {
    Arrays.fill(weights, 0);
    Arrays.fill(p, 0);
    for (int a = 0; a < features; a++) p[a * features + a] = settings.initialVariance();
    updates = 0;
  }
}
