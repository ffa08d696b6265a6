package dev.foresight.models.trust;

import dev.foresight.config.Angles;
import java.util.Arrays;
import java.util.List;

/**
 * Watches a world model tick by tick: compares each one-step prediction with the state that came
 * and the ensemble's spread with what it was on held-out data, and raises an alarm when either
 * drifts for longer than chance explains. Per channel (each state variable's innovation, and for an
 * ensemble each variable's spread) a one-sided CUSUM runs on the squared, normalized value,
 *
 * <pre>
 *   z = (x - x_predicted) / residualScale          (angles the short way round)
 *   S = max(0, S + min(z^2, cap) - k)              alarm when S > h
 * </pre>
 *
 * and for the spread {@code z = spread / spreadQuantile}. Nominally {@code E[z^2] = 1} for the
 * innovation and well below 1 for the spread, so {@code S} stays near 0; a model that mispredicts
 * (a heavier load, a weaker motor, a sensor bias) or disagrees with itself (a state it never saw)
 * pushes {@code S} up by {@code E[z^2] - k} per tick, and the alarm comes after about
 * {@code h / (E[z^2] - k)} ticks. {@code h} is set for a false-alarm rate by the {@link Calibration}.
 * After an alarm every channel restarts from 0, so a model that stays wrong alarms again.
 *
 * <p>A NaN or infinite prediction or spread is an alarm at once ({@link #statistic()} is infinite).
 * Single-threaded; allocation-free.
 *
 * <pre>{@code
 * TrustMonitor monitor = new TrustMonitor(calibration, h, wrapped);
 * if (monitor.observe(state, predicted, spread)) alarm(monitor.channelName(monitor.channel()), monitor.statistic());
 * }</pre>
 */
public final class TrustMonitor {

  private final int stateSize;
  private final boolean[] wrapped;
  private final double[] residualScale;
  private final double[] spreadQuantile;
  private final double k;
  private final double cap;
  private final double h;
  private final double[] sums;
  private final String[] channelNames;
  private double statistic;
  private int channel;
  private boolean nonFinite;
  private long alarms;

  /**
   * @param calibration the model's calibration
   * @param threshold   the CUSUM threshold {@code h} (from {@link Calibration#threshold})
   * @param wrapped     per state variable: an angle, compared the short way round
   */
  public TrustMonitor(Calibration calibration, double threshold, boolean[] wrapped) {
    if (!(threshold > 0)) throw new IllegalArgumentException("threshold must be above 0: " + threshold);
    this.stateSize = calibration.residualScale().length;
    if (wrapped.length != stateSize) {
      throw new IllegalArgumentException(wrapped.length + " wrap flags for " + stateSize + " state variables");
    }
    this.wrapped = wrapped.clone();
    this.residualScale = calibration.residualScale();
    this.spreadQuantile = calibration.spreadQuantile();
    this.k = calibration.k();
    this.cap = calibration.cap();
    this.h = threshold;
    int channels = stateSize + spreadQuantile.length;
    this.sums = new double[channels];
    this.channelNames = new String[channels];
    List<String> names = calibration.stateNames();
    for (int i = 0; i < stateSize; i++) channelNames[i] = names.get(i);
    for (int i = 0; i < spreadQuantile.length; i++) channelNames[stateSize + i] = "spread(" + names.get(i) + ")";
  }

  /**
   * One tick: the state that came, the prediction made for it one tick earlier, and the ensemble's
   * spread around that prediction (ignored for a single model; may be null then).
   *
   * @return whether this tick raised an alarm
   */
  public boolean observe(double[] state, double[] predicted, double[] spread) {
    nonFinite = false;
    double best = 0;
    int bestChannel = 0;
    for (int i = 0; i < stateSize; i++) {
      double p = predicted[i];
      if (!Double.isFinite(p)) return nonFinite(i);
      double e = state[i] - p;
      if (wrapped[i]) e = Angles.wrap(e);
      double z = e / residualScale[i];
      double s = Math.max(0, sums[i] + Math.min(z * z, cap) - k);
      sums[i] = s;
      if (s > best) {
        best = s;
        bestChannel = i;
      }
    }
    for (int i = 0; i < spreadQuantile.length; i++) {
      double sp = spread[i];
      if (!Double.isFinite(sp)) return nonFinite(i);
      double z = sp / spreadQuantile[i];
      int c = stateSize + i;
      double s = Math.max(0, sums[c] + Math.min(z * z, cap) - k);
      sums[c] = s;
      if (s > best) {
        best = s;
        bestChannel = c;
      }
    }
    statistic = best / h;
    channel = bestChannel;
    if (best <= h) return false;
    alarms++;
    Arrays.fill(sums, 0);
    return true;
  }

  private boolean nonFinite(int variable) {
    nonFinite = true;
    statistic = Double.POSITIVE_INFINITY;
    channel = variable;
    alarms++;
    Arrays.fill(sums, 0);
    return true;
  }

  /**
   * The latest statistic relative to the threshold: the largest channel's CUSUM over {@code h}, so
   * 1.0 is the alarm line (infinite after a non-finite prediction).
   */
  public double statistic() {
    return statistic;
  }

  /** The channel with the largest statistic on the latest tick (the one that alarmed, on an alarm). */
  public int channel() {
    return channel;
  }

  /** A channel's name: the state variable ({@code theta_dot}) or its spread ({@code spread(theta_dot)}). */
  public String channelName(int c) {
    return channelNames[c];
  }

  /** Whether the latest tick's prediction or spread was NaN or infinite. */
  public boolean nonFinite() {
    return nonFinite;
  }

  /** The calibrated RMS one-step residual of state variable {@code variable}, in its units. */
  public double residualScale(int variable) {
    return residualScale[variable];
  }

  /** The threshold {@code h}. */
  public double threshold() {
    return h;
  }

  /** Alarms raised since construction. */
  public long alarms() {
    return alarms;
  }

  /** Channels: one per state variable, and one more per variable for an ensemble's spread. */
  public int channels() {
    return sums.length;
  }

  /** Forgets every channel's history (a new episode, a new model). */
  public void reset() {
    Arrays.fill(sums, 0);
    statistic = 0;
    channel = 0;
    nonFinite = false;
  }
}
