package dev.foresight.examples.flywheel.control;

import dev.foresight.models.control.Controller;

/**
 * Holds a DC motor's speed: the voltage that keeps it at the target in steady state (back-EMF
 * plus what friction takes) and a proportional correction, clipped to the supply.
 * {@code v = k w* + R b w* / k + kp (w* - w)}.
 */
public final class SpeedController implements Controller {

  private final int omega;
  private final int voltage;
  private final double targetRadPerS;
  private final double feedForwardV;
  private final double kp;
  private final double maxV;

  /**
   * @param omega         index of the speed in the state vector
   * @param voltage       index of the voltage in the action vector
   * @param targetRadPerS speed to hold
   * @param kVsPerRad     motor constant k
   * @param resistanceOhm winding resistance R
   * @param dampingNmS    viscous friction b
   * @param kp            proportional gain, V per rad/s
   * @param maxV          supply limit
   */
  public SpeedController(int omega, int voltage, double targetRadPerS, double kVsPerRad, double resistanceOhm,
      double dampingNmS, double kp, double maxV) {
    this.omega = omega;
    this.voltage = voltage;
    this.targetRadPerS = targetRadPerS;
    this.feedForwardV = kVsPerRad * targetRadPerS + resistanceOhm * dampingNmS * targetRadPerS / kVsPerRad;
    this.kp = kp;
    this.maxV = maxV;
  }

  @Override
  public void compute(double[] state, double[] action) {
    double v = feedForwardV + kp * (targetRadPerS - state[omega]);
    action[voltage] = Math.clamp(v, -maxV, maxV);
  }

  @Override
  public String name() {
    return "flywheel-speed";
  }
}
