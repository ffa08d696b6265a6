package dev.foresight.sim.plants;

import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Gymnasium {@code CartPole-v1} dynamics (Barto, Sutton and Anderson; explicit Euler, tau = 0.02)
 * with a continuous force input clipped to [-10, 10] N, so that +10 and -10 reproduce the two
 * discrete actions exactly. Angle 0 is upright, positive to the right.
 *
 * <pre>
 *   temp     = (F + m_p l thdot^2 sin th) / (m_c + m_p)
 *   thacc    = (g sin th - cos th temp) / (l (4/3 - m_p cos^2 th / (m_c + m_p)))
 *   xacc     = temp - m_p l thacc cos th / (m_c + m_p)
 *   x' = x + tau xdot;  xdot' = xdot + tau xacc;  th' = th + tau thdot;  thdot' = thdot + tau thacc
 * </pre>
 * with g = 9.8, m_c = 1, m_p = 0.1, l = 0.5 (half the pole). The episode terminates when
 * |x| > 2.4 m or |th| > 12 degrees. Reward 1 per step up to and including the terminating one,
 * 0 after it (Gymnasium's default, non-Sutton-Barto reward).
 */
public final class CartPole implements Plant {

  /** Largest force, N. */
  public static final double MAX_FORCE = 10.0;
  /** Cart position limit, m. */
  public static final double X_THRESHOLD = 2.4;
  /** Pole angle limit: 12 degrees, in rad, computed as Gymnasium does. */
  public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;

  private static final double GRAVITY = 9.8;
  private static final double MASS_CART = 1.0;
  private static final double MASS_POLE = 0.1;
  private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
  private static final double LENGTH = 0.5;
  private static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
  private static final double TAU = 0.02;

  private static final PlantSpec SPEC = new PlantSpec(
      "cartpole",
      List.of(Variable.of("x", "m"), Variable.of("x_dot", "m/s"), Variable.of("theta", "rad"),
          Variable.of("theta_dot", "rad/s")),
      List.of(new Variable("force", "N", -MAX_FORCE, MAX_FORCE)),
      List.of(Variable.of("x", "m"), Variable.of("x_dot", "m/s"), Variable.of("theta", "rad"),
          Variable.of("theta_dot", "rad/s")),
      TAU);

  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;
  private boolean terminated;
  private boolean terminationRewarded;

  @Override
  public PlantSpec spec() {
    return SPEC;
  }

  @Override
  public void reset(double[] state) {
    x = state[0];
    xDot = state[1];
    theta = state[2];
    thetaDot = state[3];
    terminated = false;
    terminationRewarded = false;
  }

  /** Each variable uniform in [-0.05, 0.05], as CartPole-v1's reset. */
  @Override
  public void reset(RandomGenerator random) {
    reset(new double[] {
      random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05),
      random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05)});
  }

  @Override
  public double step(double[] action) {
    double force = Math.clamp(action[0], -MAX_FORCE, MAX_FORCE);
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
    double thetaAcc = (GRAVITY * sin - cos * temp) / (LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
    double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
    x = x + TAU * xDot;
    xDot = xDot + TAU * xAcc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaAcc;

    terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
    if (!terminated) return 1.0;
    if (!terminationRewarded) {   // the pole just fell: this step still counts
      terminationRewarded = true;
      return 1.0;
    }
    return 0.0;                   // stepping on past the end of the episode
  }

  @Override
  public void state(double[] out) {
    out[0] = x;
    out[1] = xDot;
    out[2] = theta;
    out[3] = thetaDot;
  }

  @Override
  public void observation(double[] out) {
    state(out);
  }

  @Override
  public boolean terminated() {
    return terminated;
  }
}
