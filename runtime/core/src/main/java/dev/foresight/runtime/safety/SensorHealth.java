package dev.foresight.runtime.safety;

import dev.foresight.config.RobotConfig;
import dev.foresight.config.SensorHealthConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.drivers.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-channel sensor checks, run on every tick before estimation. Only channels the state is
 * estimated from are judged (an optional supply monitor failing does not stop the robot):
 * <ul>
 *   <li>invalid: NaN or infinite, or {@link Status#NO_RESPONSE} / {@link Status#INVALID};
 *   <li>stale: {@link Status#STALE} (no new sample) for longer than the stale threshold;
 *   <li>stuck: bit-identical readings for longer than the stuck threshold (when enabled);
 *   <li>out of range: a state variable outside its configured {@code min}/{@code max}.
 * </ul>
 * An invalid reading is replaced by the channel's last good value in what the estimator sees, so
 * the state stays finite for a hold or a fallback controller; what was actually read is recorded.
 * Control thread only; allocation-free.
 */
final class SensorHealth {

  private final int[] judged;
  private final String[] channelNames;
  private final long staleAfterNs;
  private final long stuckAfterNs;
  private final double[] lastGood;
  private final long[] lastFreshNs;
  private final long[] lastChangeNs;
  private final long[] lastBits;
  private final String[] stateNames;
  private final double[] stateMin;
  private final double[] stateMax;
  private boolean primed;

  // findings of the current tick: the first channel (or variable) with each fault
  String invalidSubject;
  double invalidValue;
  String invalidDetail;
  String staleSubject;
  double staleMs;
  String stuckSubject;
  double stuckMs;
  String rangeSubject;
  double rangeValue;
  double rangeLimit;
  /** Per raw channel: whether it failed a check this tick (judged channels only). */
  final boolean[] channelFaulty;

  SensorHealth(RobotConfig config, List<String> rawNames, long periodNs) {
    List<Integer> used = new ArrayList<>();
    for (StateVariable s : config.state()) {
      int index = rawNames.indexOf(s.source());
      if (index >= 0 && !used.contains(index)) used.add(index);
    }
    judged = used.stream().mapToInt(Integer::intValue).toArray();
    channelNames = rawNames.toArray(String[]::new);
    SensorHealthConfig c = config.safety().sensors();
    staleAfterNs = c.staleAfterNs(periodNs);
    stuckAfterNs = c.stuckAfterNs();
    int n = rawNames.size();
    lastGood = new double[n];
    Arrays.fill(lastGood, Double.NaN);
    lastFreshNs = new long[n];
    lastChangeNs = new long[n];
    lastBits = new long[n];
    channelFaulty = new boolean[n];
    stateNames = config.stateNames().toArray(String[]::new);
    stateMin = config.state().stream().mapToDouble(StateVariable::min).toArray();
    stateMax = config.state().stream().mapToDouble(StateVariable::max).toArray();
  }

  /** The stale threshold in force. */
  long staleAfterNs() {
    return staleAfterNs;
  }

  /** Judges the raw channels and writes what the estimator should see into {@code rawUsed}. */
  void checkRaw(long nowNs, double[] raw, byte[] status, double[] rawUsed) {
    System.arraycopy(raw, 0, rawUsed, 0, raw.length);
    invalidSubject = null;
    staleSubject = null;
    stuckSubject = null;
    if (!primed) {
      Arrays.fill(lastFreshNs, nowNs);
      Arrays.fill(lastChangeNs, nowNs);
      primed = true;
    }
    for (int c : judged) {
      double v = raw[c];
      byte s = status[c];
      boolean faulty = false;
      if (s == Status.NO_RESPONSE || s == Status.INVALID || !Double.isFinite(v)) {
        faulty = true;
        rawUsed[c] = lastGood[c];
        if (invalidSubject == null) {
          invalidSubject = channelNames[c];
          invalidValue = v;
          invalidDetail = s == Status.OK || s == Status.STALE ? "not finite" : Status.name(s);
        }
      } else if (s == Status.STALE) {
        long age = nowNs - lastFreshNs[c];
        if (age >= staleAfterNs) {
          faulty = true;
          if (staleSubject == null) {
            staleSubject = channelNames[c];
            staleMs = age * 1e-6;
          }
        }
        lastGood[c] = v;
      } else {
        lastFreshNs[c] = nowNs;
        lastGood[c] = v;
        long bits = Double.doubleToRawLongBits(v);
        if (bits != lastBits[c]) {
          lastBits[c] = bits;
          lastChangeNs[c] = nowNs;
        } else if (stuckAfterNs > 0 && nowNs - lastChangeNs[c] >= stuckAfterNs) {
          faulty = true;
          if (stuckSubject == null) {
            stuckSubject = channelNames[c];
            stuckMs = (nowNs - lastChangeNs[c]) * 1e-6;
          }
        }
      }
      channelFaulty[c] = faulty;
    }
  }

  /** Judges the estimated state against the variables' plausible ranges. */
  void checkState(double[] state) {
    rangeSubject = null;
    for (int i = 0; i < state.length; i++) {
      double x = state[i];
      if (x < stateMin[i] || x > stateMax[i]) {
        rangeSubject = stateNames[i];
        rangeValue = x;
        rangeLimit = x < stateMin[i] ? stateMin[i] : stateMax[i];
        return;
      }
    }
  }
}
