package dev.foresight.models.control;

import dev.foresight.config.DcMotorConfig;

/**
 * Drives a torque controller through a DC motor: the inner controller's torque becomes the
 * terminal voltage that produces it at the current speed, back-EMF included
 * ({@code V = R tau / (eta N k) + k N w}), clipped to the action's limits. With an accurate motor
 * model the inner controller sees the torque actuator it was designed for.
 */
public final class MotorVoltage implements Controller {

  private final Controller inner;
  private final int action;
  private final int rate;
  private final DcMotorConfig motor;
  private final double minVolts;
  private final double maxVolts;

  /**
   * @param inner    a controller writing a torque (N m) to {@code action}
   * @param action   index of the action that holds the torque, then the voltage
   * @param rate     index of the state variable with the motor's output speed (rad/s)
   * @param motor    the motor model
   * @param minVolts lowest voltage let through
   * @param maxVolts highest voltage let through
   */
  public MotorVoltage(Controller inner, int action, int rate, DcMotorConfig motor, double minVolts, double maxVolts) {
    this.inner = inner;
    this.action = action;
    this.rate = rate;
    this.motor = motor;
    this.minVolts = minVolts;
    this.maxVolts = maxVolts;
  }

  @Override
  public void compute(double[] state, double[] out) {
    inner.compute(state, out);
    double volts = motor.volts(out[action], state[rate]);
    out[action] = Double.isNaN(volts) ? 0.0 : Math.clamp(volts, minVolts, maxVolts);
  }

  @Override
  public void reset() {
    inner.reset();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public String phase() {
    return inner.phase();
  }
}
