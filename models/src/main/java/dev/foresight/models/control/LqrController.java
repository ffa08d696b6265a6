package dev.foresight.models.control;

import dev.foresight.config.Angles;

/**
 * Linear state feedback {@code u = -K (x - target)}: errors of wrapped (angle) variables are taken
 * the short way round, and each action is clipped to its limits.
 */
public final class LqrController implements Controller, Adjustable {

  private final double[][] gain;
  private final double[] target;
  private final boolean[] wrapped;
  private final double[] min;
  private final double[] max;
  private final double[] error;

  /**
   * @param gain    K, one row per action, one column per state
   * @param target  the state to regulate to
   * @param wrapped which state variables are wrapped angles
   * @param min     lowest value per action
   * @param max     highest value per action
   */
  public LqrController(double[][] gain, double[] target, boolean[] wrapped, double[] min, double[] max) {
    this.gain = new double[gain.length][];
    for (int i = 0; i < gain.length; i++) this.gain[i] = gain[i].clone();
    this.target = target.clone();
    this.wrapped = wrapped.clone();
    this.min = min.clone();
    this.max = max.clone();
    this.error = new double[target.length];
  }

  @Override
  public void compute(double[] state, double[] action) {
    for (int j = 0; j < error.length; j++) {
      double e = state[j] - target[j];
      error[j] = wrapped[j] ? Angles.wrap(e) : e;
    }
    for (int i = 0; i < gain.length; i++) {
      double u = 0;
      double[] row = gain[i];
      for (int j = 0; j < row.length; j++) u -= row[j] * error[j];
      action[i] = Math.clamp(u, min[i], max[i]);
    }
  }

  @Override
  public String name() {
    return "lqr";
  }

  /** LQR regulates to its target state: an operator's setpoint replaces one of its components. */
  @Override
  public boolean hasSetpoint() {
    return true;
  }

  @Override
  public void setpoint(int stateIndex, double value) {
    target[stateIndex] = value;
  }
}
