package dev.foresight.models.control;

import dev.foresight.config.Angles;

/**
 * PID loops, one per driven action: {@code u = kp e + ki I + kd de/dt}, {@code e = target - x}
 * (wrapped for angles). The derivative acts on the measurement, {@code de/dt = -dx/dt}, taken from a
 * rate state variable when there is one and from the change per period otherwise. Anti-windup: the
 * integral is clamped to its limit and not accumulated while the output is saturated in the
 * direction the error pushes. Actions without a loop get their safe value.
 *
 * <pre>{@code
 * var pid = new PidController(new PidController.Loop[] {
 *     new PidController.Loop(0, 0, 1, 0.0, 40, 2, 4, Double.POSITIVE_INFINITY, true)},
 *     new double[] {-12}, new double[] {12}, new double[] {0}, 0.01);
 * pid.compute(state, action);
 * }</pre>
 */
public final class PidController implements Controller {

  /**
   * One loop.
   *
   * @param action        index of the driven action
   * @param state         index of the regulated state variable
   * @param rate          index of its rate state variable, or -1 to difference
   * @param target        setpoint
   * @param kp            proportional gain
   * @param ki            integral gain
   * @param kd            derivative gain
   * @param integralLimit largest |integral|
   * @param wrap          whether the state variable is a wrapped angle
   */
  public record Loop(int action, int state, int rate, double target, double kp, double ki, double kd,
      double integralLimit, boolean wrap) {}

  private final Loop[] loops;
  private final double[] min;
  private final double[] max;
  private final double[] safe;
  private final double periodS;
  private final double[] integral;
  private final double[] previousX;
  private final boolean[] primed;

  /**
   * @param loops   the loops
   * @param min     lowest value per action
   * @param max     highest value per action
   * @param safe    value of actions without a loop
   * @param periodS control period
   */
  public PidController(Loop[] loops, double[] min, double[] max, double[] safe, double periodS) {
    this.loops = loops.clone();
    this.min = min.clone();
    this.max = max.clone();
    this.safe = safe.clone();
    this.periodS = periodS;
    this.integral = new double[loops.length];
    this.previousX = new double[loops.length];
    this.primed = new boolean[loops.length];
  }

  @Override
  public void compute(double[] state, double[] action) {
    System.arraycopy(safe, 0, action, 0, action.length);
    for (int i = 0; i < loops.length; i++) {
      Loop l = loops[i];
      double x = state[l.state()];
      if (!Double.isFinite(x)) {
        // No good measurement: say so (the supervisor never applies a NaN) and keep the memory clean.
        action[l.action()] = Double.NaN;
        continue;
      }
      double e = l.target() - x;
      if (l.wrap()) e = Angles.wrap(e);
      double derivative = 0;
      if (l.kd() != 0) {
        double dxdt;
        if (l.rate() >= 0) {
          dxdt = state[l.rate()];
        } else if (primed[i]) {
          double dx = x - previousX[i];
          dxdt = (l.wrap() ? Angles.wrap(dx) : dx) / periodS;
        } else {
          dxdt = 0;
        }
        derivative = -l.kd() * dxdt;
      }
      previousX[i] = x;
      primed[i] = true;
      double unclamped = l.kp() * e + l.ki() * integral[i] + derivative;
      double u = Math.clamp(unclamped, min[l.action()], max[l.action()]);
      // Integrate only when the output is not pinned at a limit in the direction the error pushes.
      boolean saturated = unclamped != u && Math.signum(l.ki() * e) == Math.signum(unclamped - u);
      if (!saturated && l.ki() != 0) {
        integral[i] = Math.clamp(integral[i] + e * periodS, -l.integralLimit(), l.integralLimit());
      }
      action[l.action()] = u;
    }
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(integral, 0.0);
    java.util.Arrays.fill(primed, false);
  }

  @Override
  public String name() {
    return "pid";
  }

  /** The integral of loop {@code i}, for tests. */
  double integral(int i) {
    return integral[i];
  }
}
