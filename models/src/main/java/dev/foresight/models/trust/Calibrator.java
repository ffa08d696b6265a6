package dev.foresight.models.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Calibrates a {@link TrustMonitor} from a model's one-step residuals on held-out episodes (episodes
 * the model was not fitted to): the residual scale per state variable (RMS), the 99th percentile of
 * the ensemble's spread, and the CUSUM threshold for a false-alarm rate.
 *
 * <p>The threshold cannot come from a textbook formula: a learned model's residuals are neither
 * Gaussian nor independent from tick to tick (its error in one region of the state space persists
 * while the robot is there). So the run length to a false alarm is measured: a long sequence is
 * resampled from the held-out residuals in blocks of {@link Settings#blockTicks} ticks (a block
 * bootstrap, which keeps their autocorrelation, their heavy tails and the correlation between
 * variables), the monitor's CUSUM runs on it for a ladder of thresholds, and {@code ln ARL0 = a + b h}
 * is fitted to the thresholds that alarmed often enough to count (a CUSUM's run length grows
 * exponentially with {@code h}). The threshold for the target follows from the fit; it is then
 * checked on the held-out episodes themselves, which must not alarm.
 *
 * <pre>{@code
 * Calibration c = Calibrator.calibrate(stateNames, episodes, Calibrator.Settings.defaults(0.1, 20.0));
 * }</pre>
 */
public final class Calibrator {

  private Calibrator() {}

  /**
   * The residuals of one held-out episode, tick by tick.
   *
   * @param innovation {@code ticks x stateSize}: state that came minus the model's prediction of it
   *                   (angles wrapped)
   * @param spread     {@code ticks x stateSize}: the ensemble's spread around the prediction; null for a
   *                   single model
   */
  public record Episode(double[][] innovation, double[][] spread) {
    /** Ticks in the episode. */
    public int ticks() {
      return innovation.length;
    }
  }

  /**
   * How to calibrate.
   *
   * @param falseAlarmsPerHour the target rate of false alarms on a nominal robot
   * @param rateHz             ticks per second (the model's 1 / dt)
   * @param k                  CUSUM reference (2: a channel must run at twice its nominal energy to climb)
   * @param cap                cap on one tick's squared normalized value
   * @param blockTicks         block length of the bootstrap
   * @param bootstrapTicks     length of the resampled sequence
   * @param minTicks           held-out ticks needed at least
   * @param seed               seed of the resampling (the same data and seed give the same calibration)
   */
  public record Settings(double falseAlarmsPerHour, double rateHz, double k, double cap, int blockTicks,
      int bootstrapTicks, int minTicks, long seed) {

    /** k 2, cap 9 (3 residual scales), blocks of 20 ticks, 4 million resampled ticks, at least 200 held-out ticks, seed 1. */
    public static Settings defaults(double falseAlarmsPerHour, double rateHz) {
      return new Settings(falseAlarmsPerHour, rateHz, 2.0, 9.0, 20, 4_000_000, 200, 1);
    }
  }

  /** Alarms needed at a threshold for its run length to count in the fit. */
  static final int MIN_ALARMS = 20;
  /** Thresholds the run-length curve is fitted on. */
  static final int FIT_POINTS = 6;

  /**
   * Calibrates from held-out episodes.
   *
   * @throws CalibrationException when there is too little data, a variable's residuals are all zero,
   *                              the run lengths cannot be fitted, or a held-out episode alarms at the
   *                              threshold found (the model does not match its own held-out data)
   */
  public static Calibration calibrate(List<String> stateNames, List<Episode> episodes, Settings s)
      throws CalibrationException {
    int n = stateNames.size();
    long ticks = episodes.stream().mapToLong(Episode::ticks).sum();
    if (ticks < s.minTicks()) {
      throw new CalibrationException("calibration needs at least " + s.minTicks() + " held-out ticks; the data has "
          + ticks + " (record more episodes the model was not trained on)");
    }
    boolean ensemble = episodes.stream().allMatch(e -> e.spread() != null);
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (Episode e : episodes) for (double[] row : e.innovation()) sum += row[i] * row[i];
      scale[i] = Math.sqrt(sum / ticks);
      if (!(scale[i] > 0) || !Double.isFinite(scale[i])) {
        throw new CalibrationException(stateNames.get(i) + ": the one-step residuals on the held-out data are "
            + (scale[i] == 0 ? "all zero (is the held-out data what the model was trained on, or the model the simulator "
            + "itself?)" : "not finite (the model predicts NaN or infinity)"));
      }
    }
    double[] quantile = ensemble ? spreadQuantiles(stateNames, episodes, ticks) : new double[0];
    Calibration unfitted = new Calibration(stateNames, scale, quantile, s.k(), s.cap(), 1, 0, 1,
        s.falseAlarmsPerHour(), s.rateHz(), ticks);
    List<double[]> blocks = channelBlocks(unfitted, episodes, s.blockTicks());
    int channels = n + quantile.length;
    double target = Math.log(Calibration.ticksPerFalseAlarm(s.falseAlarmsPerHour(), s.rateHz()));
    // Two estimates of the run-length curve, and the threshold is the higher: the block bootstrap keeps
    // the held-out residuals' own distribution (heavy tails, cross-correlation) but only the runs they
    // happened to have; a Gaussian AR(1) model of each channel, fitted to the same data, brings every
    // run a long nominal operation would, for the residuals' autocorrelation.
    double[] bootstrap = fitRunLengths(new Bootstrap(blocks, channels, s.seed()), channels, s, blocks);
    double[] modelled = fitRunLengths(new GaussianAr1(unfitted, episodes, s.seed() + 1), channels, s, blocks);
    double hBootstrap = (target - bootstrap[0]) / bootstrap[1];
    double hModelled = (target - modelled[0]) / modelled[1];
    double[] fit = hBootstrap >= hModelled ? bootstrap : modelled;
    double h = Math.max(hBootstrap, hModelled);
    Calibration c = new Calibration(stateNames, scale, quantile, s.k(), s.cap(), h, fit[0], fit[1],
        s.falseAlarmsPerHour(), s.rateHz(), ticks);
    verify(c, episodes);
    return c;
  }

  private static double[] spreadQuantiles(List<String> names, List<Episode> episodes, long ticks)
      throws CalibrationException {
    int n = names.size();
    double[] q = new double[n];
    double[] values = new double[(int) ticks];
    for (int i = 0; i < n; i++) {
      int t = 0;
      for (Episode e : episodes) for (double[] row : e.spread()) values[t++] = row[i];
      Arrays.sort(values);
      q[i] = values[(int) Math.min(ticks - 1, Math.ceil(0.99 * ticks) - 1)];
      if (!(q[i] > 0) || !Double.isFinite(q[i])) {
        throw new CalibrationException("spread(" + names.get(i) + "): the ensemble's members agree exactly on the "
            + "held-out data (99th percentile " + q[i] + "); calibrate a single member instead");
      }
    }
    return q;
  }

  /**
   * Each episode as consecutive rows of capped squared normalized channel values, cut into blocks
   * (the last block of an episode may be shorter).
   */
  private static List<double[]> channelBlocks(Calibration c, List<Episode> episodes, int blockTicks) {
    int n = c.residualScale().length;
    int channels = n + c.spreadQuantile().length;
    List<double[]> blocks = new ArrayList<>();
    for (Episode e : episodes) {
      for (int start = 0; start < e.ticks(); start += blockTicks) {
        int len = Math.min(blockTicks, e.ticks() - start);
        double[] b = new double[len * channels];
        for (int t = 0; t < len; t++) {
          for (int i = 0; i < n; i++) {
            double z = e.innovation()[start + t][i] / c.residualScale()[i];
            b[t * channels + i] = Math.min(z * z, c.cap());
          }
          for (int i = 0; i < c.spreadQuantile().length; i++) {
            double z = e.spread()[start + t][i] / c.spreadQuantile()[i];
            b[t * channels + n + i] = Math.min(z * z, c.cap());
          }
        }
        blocks.add(b);
      }
    }
    return blocks;
  }

  /**
   * Runs the CUSUM on a block-bootstrapped sequence for a ladder of thresholds and fits
   * {@code ln ARL = a + b h}; returns {a, b}.
   */
  private static double[] fitRunLengths(RowSource source, int channels, Settings s, List<double[]> blocks)
      throws CalibrationException {
    int levels = 48;
    double[] h = new double[levels];
    for (int j = 0; j < levels; j++) h[j] = s.k() * Math.pow(1.12, j);   // 2 .. ~410 for k = 2
    double[] sums = new double[levels * channels];
    long[] alarms = new long[levels];
    double[] row = new double[channels];
    long done = s.bootstrapTicks();
    for (long t = 0; t < done; t++) {
      source.next(row);
      for (int j = 0; j < levels; j++) {
        int base = j * channels;
        boolean alarm = false;
        for (int c = 0; c < channels; c++) {
          double v = Math.max(0, sums[base + c] + row[c] - s.k());
          sums[base + c] = v;
          if (v > h[j]) alarm = true;
        }
        if (alarm) {
          alarms[j]++;
          Arrays.fill(sums, base, base + channels, 0);
        }
      }
    }
    // Least squares of ln(run length) on h over the highest thresholds that still alarmed often enough
    // to measure: nearest the target, and past the low thresholds, where one large tick alone crosses
    // the line and the run length grows faster than it does further up (the fit would then
    // extrapolate to a threshold too low).
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int points = 0;
    for (int j = levels - 1; j >= 0 && points < FIT_POINTS; j--) {
      if (alarms[j] < MIN_ALARMS) continue;
      double arl = (double) done / alarms[j];
      if (arl < 10) break;
      double y = Math.log(arl);
      sx += h[j];
      sy += y;
      sxx += h[j] * h[j];
      sxy += h[j] * y;
      points++;
    }
    if (points < 3) {
      throw new CalibrationException(String.format(Locale.ROOT, "the held-out residuals give %d threshold%s with enough "
          + "false alarms to measure (need 3): too few held-out ticks for a CUSUM's run length", points,
          points == 1 ? "" : "s"));
    }
    double fitted = (points * sxy - sx * sy) / (points * sxx - sx * sx);
    if (!(fitted > 0)) {
      throw new CalibrationException("the CUSUM's run length on the held-out residuals does not grow with its "
          + "threshold (slope " + fitted + "): the residuals do not look like a model's errors");
    }
    // The resampled sequence holds only the values and runs the held-out data had: above the thresholds
    // it can measure, it lacks the rarer runs a long nominal run brings, and its run length grows too fast.
    // The large-threshold slope of ln ARL is the adjustment coefficient theta* of the CUSUM's increments
    // (E[exp(theta (x - k))] = 1), shrunk by the autocorrelation of the increments; the slope used is the
    // smaller of the two, so the threshold errs high rather than low.
    double slope = Math.min(fitted, adjustment(blocks, channels, s.k()));
    double intercept = (sy - slope * sx) / points;
    return new double[] {intercept, slope};
  }

  /**
   * The smallest over channels of the adjustment coefficient theta (the root of
   * {@code mean(exp(theta (x - k))) = 1} over the channel's capped squared normalized values),
   * times {@code (1 - rho) / (1 + rho)} for the lag-1 autocorrelation {@code rho} of those values
   * (sums of AR(1) increments have their variance inflated by {@code (1 + rho) / (1 - rho)}).
   */
  static double adjustment(List<double[]> blocks, int channels, double k) {
    double least = Double.POSITIVE_INFINITY;
    for (int c = 0; c < channels; c++) {
      double mean = 0;
      long n = 0;
      for (double[] b : blocks) {
        for (int r = c; r < b.length; r += channels) {
          mean += b[r];
          n++;
        }
      }
      mean /= n;
      double var = 0;
      double lag = 0;
      long pairs = 0;
      for (double[] b : blocks) {
        for (int r = c; r < b.length; r += channels) {
          double d = b[r] - mean;
          var += d * d;
          if (r + channels < b.length) {
            lag += d * (b[r + channels] - mean);
            pairs++;
          }
        }
      }
      double rho = var > 0 && pairs > 0 ? (lag / pairs) / (var / n) : 0;
      rho = Math.clamp(rho, 0.0, 0.95);
      double theta = root(blocks, channels, c, k);
      least = Math.min(least, theta * (1 - rho) / (1 + rho));
    }
    return least;
  }

  /** The positive root of mean(exp(theta (x - k))) = 1 for channel c, by bisection (infinity if none). */
  private static double root(List<double[]> blocks, int channels, int c, double k) {
    double lo = 1e-6;
    double hi = 1e-6;
    while (cgf(blocks, channels, c, k, hi) < 0 && hi < 100) hi *= 2;
    if (hi >= 100) return Double.POSITIVE_INFINITY;   // a channel that never climbs (all values below k)
    for (int i = 0; i < 60; i++) {
      double mid = 0.5 * (lo + hi);
      if (cgf(blocks, channels, c, k, mid) < 0) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  private static double cgf(List<double[]> blocks, int channels, int c, double k, double theta) {
    double sum = 0;
    long n = 0;
    for (double[] b : blocks) {
      for (int r = c; r < b.length; r += channels) {
        sum += Math.exp(theta * (b[r] - k));
        n++;
      }
    }
    return Math.log(sum / n);
  }

  /** One tick's capped squared normalized channel values, on and on. */
  private interface RowSource {
    void next(double[] row);
  }

  /** The held-out data's blocks, drawn at random and played one after the other. */
  private static final class Bootstrap implements RowSource {
    private final List<double[]> blocks;
    private final int channels;
    private final SplittableRandom random;
    private double[] block;
    private int at;

    Bootstrap(List<double[]> blocks, int channels, long seed) {
      this.blocks = blocks;
      this.channels = channels;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public void next(double[] row) {
      if (block == null || at >= block.length) {
        block = blocks.get(random.nextInt(blocks.size()));
        at = 0;
      }
      System.arraycopy(block, at, row, 0, channels);
      at += channels;
    }
  }

  /**
   * Each channel as a stationary Gaussian AR(1) process fitted to the held-out data: the innovation's
   * normalized value {@code z} with its lag-1 autocorrelation (variance 1 by construction), the spread's
   * logarithm with its mean, deviation and lag-1 autocorrelation. Channels independent.
   */
  private static final class GaussianAr1 implements RowSource {
    private final int stateSize;
    private final double cap;
    private final double[] rho;
    private final double[] mean;
    private final double[] deviation;
    private final double[] quantile;
    private final double[] x;
    private final SplittableRandom random;

    GaussianAr1(Calibration c, List<Episode> episodes, long seed) {
      stateSize = c.residualScale().length;
      int channels = stateSize + c.spreadQuantile().length;
      cap = c.cap();
      rho = new double[channels];
      mean = new double[channels];
      deviation = new double[channels];
      quantile = c.spreadQuantile();
      x = new double[channels];
      random = new SplittableRandom(seed);
      for (int ch = 0; ch < channels; ch++) {
        boolean spread = ch >= stateSize;
        int i = spread ? ch - stateSize : ch;
        double sum = 0;
        double sumSq = 0;
        double lag = 0;
        long n = 0;
        long pairs = 0;
        for (Episode e : episodes) {
          double[][] rows = spread ? e.spread() : e.innovation();
          double prev = Double.NaN;
          for (double[] r : rows) {
            double v = spread ? Math.log(Math.max(r[i], 1e-300)) : r[i] / c.residualScale()[i];
            sum += v;
            sumSq += v * v;
            n++;
            if (!Double.isNaN(prev)) {
              lag += v * prev;
              pairs++;
            }
            prev = v;
          }
        }
        double m = spread ? sum / n : 0;   // the innovation is centred on the model, scaled to RMS 1
        double var = spread ? sumSq / n - m * m : 1;
        mean[ch] = m;
        deviation[ch] = Math.sqrt(Math.max(var, 1e-12));
        double covariance = pairs > 0 ? lag / pairs - m * m : 0;
        rho[ch] = Math.clamp(covariance / (var > 0 ? var : 1), 0.0, 0.99);
        x[ch] = gaussian(random);
      }
    }

    @Override
    public void next(double[] row) {
      for (int ch = 0; ch < x.length; ch++) {
        x[ch] = rho[ch] * x[ch] + Math.sqrt(1 - rho[ch] * rho[ch]) * gaussian(random);
        double z = ch < stateSize ? x[ch]
            : Math.exp(mean[ch] + deviation[ch] * x[ch]) / quantile[ch - stateSize];
        row[ch] = Math.min(z * z, cap);
      }
    }

    private static double gaussian(SplittableRandom r) {
      return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
  }

  /** The held-out episodes, each from a fresh monitor, must not alarm at the calibrated threshold. */
  private static void verify(Calibration c, List<Episode> episodes) throws CalibrationException {
    int n = c.residualScale().length;
    double[] zero = new double[n];
    double[] spread = new double[n];
    double[] negated = new double[n];
    for (int e = 0; e < episodes.size(); e++) {
      Episode ep = episodes.get(e);
      TrustMonitor m = new TrustMonitor(c, c.h(), new boolean[n]);   // innovations are wrapped already
      for (int t = 0; t < ep.ticks(); t++) {
        if (ep.spread() != null) System.arraycopy(ep.spread()[t], 0, spread, 0, n);
        for (int i = 0; i < n; i++) negated[i] = -ep.innovation()[t][i];
        // observe(state, predicted): innovation = state - predicted = 0 - (-innovation)
        if (m.observe(zero, negated, spread)) {
          throw new CalibrationException(String.format(Locale.ROOT, "held-out episode %d alarms at tick %d (%s, "
              + "statistic %.3g x the threshold %.3g): the model does not match its own held-out data at %.3g false "
              + "alarms per hour; use more or other held-out data, or a higher false_alarms_per_hour", e + 1, t + 1,
              m.channelName(m.channel()), m.statistic(), c.h(), c.falseAlarmsPerHour()));
        }
      }
    }
  }
}
