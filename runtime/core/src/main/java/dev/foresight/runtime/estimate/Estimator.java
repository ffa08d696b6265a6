package dev.foresight.runtime.estimate;

import dev.foresight.config.Angles;
import dev.foresight.config.Estimate;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import java.util.List;

/**
 * Turns raw sensor channels into the state estimate: {@code direct} variables copy their source
 * (wrapped to [-pi, pi) when marked {@code wrap});
 * {@code rate} variables differentiate it (angles the short way round) and low-pass filter the
 * result with a first-order filter at {@code estimator.rate_cutoff_hz}.
 */
public final class Estimator {

  private static final double TWO_PI = 2.0 * Math.PI;

  private final int[] source;
  private final boolean[] rate;
  private final boolean[] wrap;
  private final boolean[] wrapSource;
  private final double cutoffHz;
  private final double[] previousRaw;
  private long previousNs;
  private boolean primed;

  /**
   * @param config   the robot config
   * @param rawNames raw channel names, in the order the robot's I/O fills them
   */
  public Estimator(RobotConfig config, List<String> rawNames) {
    int n = config.state().size();
    source = new int[n];
    rate = new boolean[n];
    wrap = new boolean[n];
    wrapSource = new boolean[n];
    for (int i = 0; i < n; i++) {
      StateVariable s = config.state().get(i);
      source[i] = rawNames.indexOf(s.source());
      rate[i] = s.estimate() == Estimate.RATE;
      wrap[i] = s.wrap();
      // A rate of an angle source differentiates across the wrap; the source is an angle when a
      // direct state variable reading the same source is marked wrap.
      for (StateVariable other : config.state()) {
        if (other.source().equals(s.source()) && other.wrap()) wrapSource[i] = true;
      }
      if (source[i] < 0) throw new IllegalArgumentException("no raw channel " + s.source());
    }
    cutoffHz = config.estimator().rateCutoffHz();
    previousRaw = new double[rawNames.size()];
  }

  /** Forgets the previous sample; the next rate estimates start from zero. */
  public void reset() {
    primed = false;
  }

  /** Updates {@code state} from {@code raw} read at {@code nowNs}. Allocation-free. */
  public void update(long nowNs, double[] raw, double[] state) {
    double dt = primed ? (nowNs - previousNs) * 1e-9 : 0.0;
    // First-order low-pass: alpha = dt / (RC + dt), RC = 1 / (2 pi fc).
    double alpha = cutoffHz > 0 && dt > 0 ? dt / (1.0 / (TWO_PI * cutoffHz) + dt) : 1.0;
    for (int i = 0; i < source.length; i++) {
      double value = raw[source[i]];
      if (!rate[i]) {
        state[i] = wrap[i] ? Angles.wrap(value) : value;
      } else if (!primed || dt <= 0) {
        state[i] = 0.0;
      } else {
        double previous = previousRaw[source[i]];
        if (!Double.isFinite(value)) {
          state[i] = Double.NaN;   // no measurement, no rate (the supervisor flags the channel)
        } else if (!Double.isFinite(previous) || !Double.isFinite(state[i])) {
          state[i] = 0.0;          // first good sample after bad ones: restart the derivative
        } else {
          double delta = value - previous;
          if (wrapSource[i]) delta = Angles.wrap(delta);
          state[i] += alpha * (delta / dt - state[i]);
        }
      }
    }
    System.arraycopy(raw, 0, previousRaw, 0, previousRaw.length);
    previousNs = nowNs;
    primed = true;
  }
}
