package dev.foresight.models.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How far a world model can be trusted, measured on held-out data and carried in its ONNX
 * {@code metadata_props} under {@code foresight.monitor.*} (ARCHITECTURE.md, world-model contract):
 * the scale of its one-step residuals per state variable, the 99th percentile of its ensemble's
 * spread per variable, and the CUSUM the {@link TrustMonitor} runs on both: reference {@code k},
 * increment cap, and the fitted curve {@code ln ARL0 = a + b h} from which the threshold {@code h}
 * for any false-alarm rate follows ({@link #threshold}).
 *
 * <pre>{@code
 * Optional<Calibration> c = Calibration.fromMetadata(session.metadata(), config.stateNames());
 * double h = c.get().threshold(0.1, 20.0);   // one false alarm per 10 h at 20 Hz
 * }</pre>
 *
 * @param stateNames          state variables, in vector order
 * @param residualScale       RMS one-step residual per state variable (physical units; angles wrapped)
 * @param spreadQuantile      99th percentile of the ensemble's spread per state variable; empty for a
 *                            single model
 * @param k                   CUSUM reference subtracted from each squared normalized increment
 * @param cap                 cap on each squared normalized increment (one outlier is not an alarm)
 * @param h                   threshold for {@code falseAlarmsPerHour} at {@code rateHz}
 * @param arlLogIntercept     {@code a} of the fitted {@code ln ARL0 = a + b h} (ARL0 in ticks)
 * @param arlLogSlope         {@code b} of the fitted curve
 * @param falseAlarmsPerHour  the false-alarm rate {@code h} was calibrated for
 * @param rateHz              the loop rate it was calibrated for (the model's 1 / dt)
 * @param heldOutTicks        held-out ticks the calibration was measured on
 */
public record Calibration(List<String> stateNames, double[] residualScale, double[] spreadQuantile, double k,
    double cap, double h, double arlLogIntercept, double arlLogSlope, double falseAlarmsPerHour, double rateHz,
    long heldOutTicks) {

  /** The version of the calibration keys this runtime reads and writes. */
  public static final int FORMAT = 1;
  /** Prefix of every calibration key. */
  public static final String PREFIX = "foresight.monitor.";
  public static final String KEY_FORMAT = PREFIX + "format";
  public static final String KEY_RESIDUAL_SCALE = PREFIX + "residual_scale";
  public static final String KEY_SPREAD_QUANTILE = PREFIX + "spread_quantile";
  public static final String KEY_K = PREFIX + "cusum_k";
  public static final String KEY_CAP = PREFIX + "cusum_cap";
  public static final String KEY_H = PREFIX + "cusum_h";
  public static final String KEY_ARL_INTERCEPT = PREFIX + "arl_log_intercept";
  public static final String KEY_ARL_SLOPE = PREFIX + "arl_log_slope";
  public static final String KEY_FALSE_ALARMS = PREFIX + "false_alarms_per_hour";
  public static final String KEY_RATE = PREFIX + "rate_hz";
  public static final String KEY_HELD_OUT = PREFIX + "held_out_ticks";

  public Calibration {
    stateNames = List.copyOf(stateNames);
    residualScale = residualScale.clone();
    spreadQuantile = spreadQuantile.clone();
  }

  /** Whether the ensemble's spread is monitored too (an ensemble was calibrated). */
  public boolean hasSpread() {
    return spreadQuantile.length > 0;
  }

  /** Ticks between false alarms for a rate per hour at a loop rate. */
  public static double ticksPerFalseAlarm(double falseAlarmsPerHour, double rateHz) {
    return rateHz * 3600.0 / falseAlarmsPerHour;
  }

  /**
   * The CUSUM threshold for another false-alarm target, from the fitted run-length curve (the
   * calibrated {@code h} when the target is the calibrated one).
   */
  public double threshold(double falseAlarmsPerHour, double rateHz) {
    if (falseAlarmsPerHour == this.falseAlarmsPerHour && rateHz == this.rateHz) return h;
    double t = (Math.log(ticksPerFalseAlarm(falseAlarmsPerHour, rateHz)) - arlLogIntercept) / arlLogSlope;
    return Math.max(t, k);
  }

  /** As {@code metadata_props} key/values. */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_FORMAT, String.valueOf(FORMAT));
    m.put(KEY_RESIDUAL_SCALE, join(residualScale));
    if (hasSpread()) m.put(KEY_SPREAD_QUANTILE, join(spreadQuantile));
    m.put(KEY_K, num(k));
    m.put(KEY_CAP, num(cap));
    m.put(KEY_H, num(h));
    m.put(KEY_ARL_INTERCEPT, num(arlLogIntercept));
    m.put(KEY_ARL_SLOPE, num(arlLogSlope));
    m.put(KEY_FALSE_ALARMS, num(falseAlarmsPerHour));
    m.put(KEY_RATE, num(rateHz));
    m.put(KEY_HELD_OUT, String.valueOf(heldOutTicks));
    return m;
  }

  /**
   * The calibration in a model's metadata: empty when it has no {@code foresight.monitor.*} key at
   * all (an uncalibrated model), else every key checked.
   *
   * @throws CalibrationException naming the first key that is missing or malformed
   */
  public static Optional<Calibration> fromMetadata(Map<String, String> metadata, List<String> stateNames)
      throws CalibrationException {
    if (metadata.keySet().stream().noneMatch(key -> key.startsWith(PREFIX))) return Optional.empty();
    int format = (int) number(metadata, KEY_FORMAT);
    if (format != FORMAT) {
      throw new CalibrationException(KEY_FORMAT + ": " + format + " is not a calibration format this runtime reads ("
          + FORMAT + ")");
    }
    int n = stateNames.size();
    double[] scale = vector(metadata, KEY_RESIDUAL_SCALE, n);
    double[] spread = metadata.containsKey(KEY_SPREAD_QUANTILE) ? vector(metadata, KEY_SPREAD_QUANTILE, n)
        : new double[0];
    double k = positive(metadata, KEY_K);
    double cap = positive(metadata, KEY_CAP);
    double h = positive(metadata, KEY_H);
    double a = number(metadata, KEY_ARL_INTERCEPT);
    double b = positive(metadata, KEY_ARL_SLOPE);
    double fa = positive(metadata, KEY_FALSE_ALARMS);
    double rate = positive(metadata, KEY_RATE);
    long held = (long) positive(metadata, KEY_HELD_OUT);
    if (cap <= k) throw new CalibrationException(KEY_CAP + ": " + num(cap) + " must be above " + KEY_K + " " + num(k));
    return Optional.of(new Calibration(stateNames, scale, spread, k, cap, h, a, b, fa, rate, held));
  }

  private static double number(Map<String, String> m, String key) throws CalibrationException {
    String v = m.get(key);
    if (v == null) throw new CalibrationException(key + ": missing (the model's calibration is incomplete; "
        + "foresight model calibrate writes every key)");
    try {
      double d = Double.parseDouble(v.strip());
      if (!Double.isFinite(d)) throw new NumberFormatException();
      return d;
    } catch (NumberFormatException e) {
      throw new CalibrationException(key + ": '" + v + "' is not a finite number");
    }
  }

  private static double positive(Map<String, String> m, String key) throws CalibrationException {
    double d = number(m, key);
    if (!(d > 0)) throw new CalibrationException(key + ": " + m.get(key).strip() + " must be above 0");
    return d;
  }

  private static double[] vector(Map<String, String> m, String key, int n)
      throws CalibrationException {
    String v = m.get(key);
    if (v == null) throw new CalibrationException(key + ": missing (the model's calibration is incomplete; "
        + "foresight model calibrate writes every key)");
    String[] parts = v.split(",");
    if (parts.length != n) {
      throw new CalibrationException(key + ": " + parts.length + " values for " + n + " state variables");
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new CalibrationException(key + ": '" + parts[i].strip() + "' is not a number");
      }
      if (!Double.isFinite(out[i]) || !(out[i] > 0)) {
        throw new CalibrationException(key + ": " + parts[i].strip() + " must be a finite number above 0");
      }
    }
    return out;
  }

  private static String join(double[] values) {
    List<String> s = new ArrayList<>(values.length);
    for (double v : values) s.add(num(v));
    return String.join(",", s);
  }

  private static String num(double v) {
    return Double.toString(v);   // the shortest text that reads back as the same double
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c && stateNames.equals(c.stateNames) && Arrays.equals(residualScale, c.residualScale)
        && Arrays.equals(spreadQuantile, c.spreadQuantile) && k == c.k && cap == c.cap && h == c.h
        && arlLogIntercept == c.arlLogIntercept && arlLogSlope == c.arlLogSlope
        && falseAlarmsPerHour == c.falseAlarmsPerHour && rateHz == c.rateHz && heldOutTicks == c.heldOutTicks;
  }

  @Override
  public int hashCode() {
    return stateNames.hashCode() * 31 + Arrays.hashCode(residualScale);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Calibration[residual_scale=%s, spread_quantile=%s, k=%.3g, cap=%.3g, h=%.3g for "
        + "%.3g false alarms/h at %.3g Hz, %d held-out ticks]", Arrays.toString(residualScale),
        Arrays.toString(spreadQuantile), k, cap, h, falseAlarmsPerHour, rateHz, heldOutTicks);
  }
}
