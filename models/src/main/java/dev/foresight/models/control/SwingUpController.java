package dev.foresight.models.control;

import dev.foresight.config.Angles;
import java.util.List;

/**
 * Swing-up and balance for a torque-driven pendulum (uniform rod, angle 0 upright), without a
 * world model: energy pumping far from upright, LQR near it.
 *
 * <p>With inertia {@code I = m l^2 / 3} about the pivot the energy is
 * {@code E = I thdot^2 / 2 + m g (l/2) cos th}, and {@code dE/dt = u thdot}: torque in the direction
 * of motion adds energy. The pump applies {@code u = k (E_up - E) sign(thdot)}, saturated, until
 * the rod is within the catch angle of upright; there an LQR gain designed for the linearized,
 * discretized dynamics takes over, and hands back only beyond 1.5 times the catch angle so the
 * two do not chatter at the boundary.
 */
public final class SwingUpController implements Controller, Adjustable {

  private final int angleIndex;
  private final int rateIndex;
  private final int torqueIndex;
  private final double minTorque;
  private final double maxTorque;
  private final double inertia;
  private final double halfWeightTimesLength;
  private double energyGain;
  private final double catchAngle;
  private final double kAngle;
  private final double kRate;
  private boolean balancing;

  /**
   * @param angleIndex  index of the angle in the state vector
   * @param rateIndex   index of the angular velocity in the state vector
   * @param torqueIndex index of the torque in the action vector
   * @param minTorque   lowest torque, N m
   * @param maxTorque   highest torque, N m
   * @param massKg      rod mass
   * @param lengthM     rod length
   * @param gravity     gravitational acceleration
   * @param energyGain  pump gain
   * @param catchAngle  angle from upright where balance takes over, rad
   * @param qAngle      LQR angle weight
   * @param qRate       LQR rate weight
   * @param rTorque     LQR torque weight
   * @param periodS     control period, for the discrete LQR design
   */
  public SwingUpController(int angleIndex, int rateIndex, int torqueIndex, double minTorque, double maxTorque,
      double massKg, double lengthM, double gravity, double energyGain, double catchAngle,
      double qAngle, double qRate, double rTorque, double periodS) {
    this.angleIndex = angleIndex;
    this.rateIndex = rateIndex;
    this.torqueIndex = torqueIndex;
    this.minTorque = minTorque;
    this.maxTorque = maxTorque;
    this.inertia = massKg * lengthM * lengthM / 3.0;
    this.halfWeightTimesLength = massKg * gravity * lengthM / 2.0;
    this.energyGain = energyGain;
    this.catchAngle = catchAngle;
    double[] k = balanceGain(massKg, lengthM, gravity, qAngle, qRate, rTorque, periodS);
    this.kAngle = k[0];
    this.kRate = k[1];
  }

  /**
   * LQR gain for thdd = (3g/2l) th + (3/(m l^2)) u, discretized with semi-implicit Euler as
   * Pendulum-v1 steps: thdot' = thdot + dt thdd, th' = th + dt thdot'.
   */
  static double[] balanceGain(double m, double l, double g, double qAngle, double qRate, double r, double dt) {
    double a = 3.0 * g / (2.0 * l);
    double b = 3.0 / (m * l * l);
    double[][] sysA = {{1 + a * dt * dt, dt}, {a * dt, 1}};
    double[][] sysB = {{b * dt * dt}, {b * dt}};
    double[][] k = Lqr.gain(sysA, sysB, new double[][] {{qAngle, 0}, {0, qRate}}, new double[][] {{r}});
    return k[0];
  }

  @Override
  public void compute(double[] state, double[] action) {
    double th = Angles.wrap(state[angleIndex]);
    double thdot = state[rateIndex];
    double distance = Math.abs(th);
    if (distance < catchAngle) balancing = true;
    else if (distance > 1.5 * catchAngle) balancing = false;

    double u;
    if (balancing) {
      u = -(kAngle * th + kRate * thdot);
    } else {
      double energy = 0.5 * inertia * thdot * thdot + halfWeightTimesLength * Math.cos(th);
      double deficit = halfWeightTimesLength - energy;
      // At rest (thdot = 0) any push starts the swing; pick the positive direction.
      double direction = thdot >= 0 ? 1.0 : -1.0;
      u = energyGain * deficit * direction;
    }
    action[torqueIndex] = Math.clamp(u, minTorque, maxTorque);
  }

  @Override
  public void reset() {
    balancing = false;
  }

  @Override
  public String name() {
    return "swingup";
  }

  @Override
  public String phase() {
    return balancing ? "balance" : "pump";
  }

  private static final List<Parameter> PARAMETERS = List.of(
      new Parameter("energy_gain", 0.01, 100.0, "how hard the pump phase drives the energy to upright"));

  @Override
  public List<Parameter> parameters() {
    return PARAMETERS;
  }

  @Override
  public void parameter(int index, double value) {
    if (index != 0) throw new IndexOutOfBoundsException(index);
    energyGain = value;
  }

  /** The balance gain [k_angle, k_rate], for tests and docs. */
  double[] gain() {
    return new double[] {kAngle, kRate};
  }
}
