package dev.foresight.runtime.safety;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.EnvelopeBound;
import dev.foresight.config.RobotConfig;
import java.util.List;

/**
 * The last stage before the actuators, independent of controller and model. It holds outputs at
 * their safe values unless armed, clips every action to its limits, limits its slew rate, and
 * latches a safe stop when the state leaves its envelope, a value is not finite, or an earlier
 * phase failed. A latched stop (or e-stop) is left only by {@link #reset()} followed by
 * {@link #arm()}.
 *
 * <p>Commands ({@code arm}, {@code estop}...) may come from any thread; {@link #apply} runs on the
 * control thread.
 */
public final class SafetySupervisor {

  private final double[] min;
  private final double[] max;
  private final double[] slewPerS;
  private final double[] safe;
  private final int[] envelopeIndex;
  private final double[] envelopeMin;
  private final double[] envelopeMax;
  private final double[] lastApplied;
  private long lastNs;
  private boolean primed;

  private volatile Mode mode = Mode.DISARMED;
  private volatile String reason = "";

  /** Builds the supervisor from the config's action limits and state envelope. */
  public SafetySupervisor(RobotConfig config) {
    List<ActionVariable> actions = config.action();
    int m = actions.size();
    min = new double[m];
    max = new double[m];
    slewPerS = new double[m];
    safe = new double[m];
    for (int i = 0; i < m; i++) {
      ActionVariable a = actions.get(i);
      min[i] = a.min();
      max[i] = a.max();
      slewPerS[i] = a.slewPerS();
      safe[i] = a.safe();
    }
    List<EnvelopeBound> envelope = config.safety().envelope();
    envelopeIndex = new int[envelope.size()];
    envelopeMin = new double[envelope.size()];
    envelopeMax = new double[envelope.size()];
    for (int i = 0; i < envelope.size(); i++) {
      envelopeIndex[i] = config.stateIndex(envelope.get(i).variable());
      envelopeMin[i] = envelope.get(i).min();
      envelopeMax[i] = envelope.get(i).max();
    }
    lastApplied = safe.clone();
  }

  /** Arms, unless stopped; returns whether the supervisor is now armed. */
  public synchronized boolean arm() {
    if (mode == Mode.DISARMED) {
      mode = Mode.ARMED;
      reason = "";
    }
    return mode == Mode.ARMED;
  }

  /** Disarms: outputs return to their safe values. A latched stop stays latched. */
  public synchronized void disarm() {
    if (mode == Mode.ARMED) mode = Mode.DISARMED;
  }

  /** Latches the emergency stop. Always accepted. */
  public synchronized void estop(String cause) {
    mode = Mode.ESTOP;
    reason = cause;
  }

  /** Clears a latched stop back to disarmed; arming is a separate step. */
  public synchronized void reset() {
    if (mode == Mode.ESTOP || mode == Mode.SAFE_STOP) {
      mode = Mode.DISARMED;
      reason = "";
    }
  }

  /** Latches a safe stop (unless already e-stopped) with a one-line cause. */
  public synchronized void safeStop(String cause) {
    if (mode != Mode.ESTOP) {
      mode = Mode.SAFE_STOP;
      reason = cause;
    }
  }

  /** The current mode. */
  public Mode mode() {
    return mode;
  }

  /** Why the supervisor stopped, or empty. */
  public String reason() {
    return reason;
  }

  /**
   * Computes the action the actuators get. Allocation-free; never throws.
   *
   * @param nowNs   tick time
   * @param state   the state estimate
   * @param action  what the controller asked for
   * @param applied receives what the actuators get
   */
  public void apply(long nowNs, double[] state, double[] action, double[] applied) {
    if (mode == Mode.ARMED) checkEnvelope(state, action);
    double dt = primed ? (nowNs - lastNs) * 1e-9 : 0.0;
    boolean pass = mode == Mode.ARMED;
    for (int i = 0; i < applied.length; i++) {
      double u = pass ? Math.clamp(action[i], min[i], max[i]) : safe[i];
      if (pass && dt > 0 && slewPerS[i] != Double.POSITIVE_INFINITY) {
        double step = slewPerS[i] * dt;
        u = Math.clamp(u, lastApplied[i] - step, lastApplied[i] + step);
      }
      applied[i] = u;
      lastApplied[i] = u;
    }
    lastNs = nowNs;
    primed = true;
  }

  private void checkEnvelope(double[] state, double[] action) {
    for (int i = 0; i < envelopeIndex.length; i++) {
      double x = state[envelopeIndex[i]];
      if (!(x >= envelopeMin[i] && x <= envelopeMax[i])) {
        safeStop("state left its envelope (safety.envelope[" + i + "])");
        return;
      }
    }
    for (double x : state) {
      if (!Double.isFinite(x)) {
        safeStop("state estimate is not finite");
        return;
      }
    }
    for (double u : action) {
      if (!Double.isFinite(u)) {
        safeStop("controller produced a non-finite action");
        return;
      }
    }
  }
}
