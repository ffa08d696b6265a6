package dev.foresight.sim.plants;

import dev.foresight.sim.Parameter;
import dev.foresight.sim.Parameters;
import java.util.List;

/**
 * The cart-pole equations of Barto, Sutton and Anderson (1983) as Gymnasium's {@code CartPole-v1}
 * writes them (explicit Euler, tau = 0.02 s), shared by the balance and swing-up tasks. With both
 * frictions at 0 (the default) this is Gymnasium's frictionless model operation for operation; a
 * non-zero friction adds the original paper's terms:
 *
 * <pre>
 *   temp  = (F + m_p l thdot^2 sin th - mu_c sgn(xdot)) / (m_c + m_p)
 *   thacc = (g sin th - cos th temp - mu_p thdot / (m_p l)) / (l (4/3 - m_p cos^2 th / (m_c + m_p)))
 *   xacc  = temp - m_p l thacc cos th / (m_c + m_p)
 * </pre>
 */
final class CartPoleDynamics {

  /** Largest force, N. */
  static final double MAX_FORCE = 10.0;
  /** Time step, s. */
  static final double TAU = 0.02;

  static List<Parameter> parameters() {
    return List.of(
        Parameter.positive("gravity", "m/s^2", 9.8, "gravitational acceleration"),
        Parameter.positive("mass_cart", "kg", 1.0, "cart mass"),
        Parameter.positive("mass_pole", "kg", 0.1, "pole mass"),
        Parameter.positive("half_length", "m", 0.5, "half the pole's length (Gymnasium's length)"),
        Parameter.nonNegative("cart_friction", "N", 0.0, "Coulomb friction of the cart on the track (Barto 1983 mu_c)"),
        Parameter.nonNegative("pole_friction", "N*m*s", 0.0, "viscous friction of the pole's hinge (Barto 1983 mu_p)"));
  }

  private final double gravity;
  private final double massPole;
  private final double totalMass;
  private final double length;
  private final double poleMassLength;
  private final double cartFriction;
  private final double poleFriction;

  CartPoleDynamics(Parameters p) {
    gravity = p.get("gravity");
    massPole = p.get("mass_pole");
    totalMass = massPole + p.get("mass_cart");
    length = p.get("half_length");
    poleMassLength = massPole * length;
    cartFriction = p.get("cart_friction");
    poleFriction = p.get("pole_friction");
  }

  /** Advances {@code s = [x, x_dot, theta, theta_dot]} one step under {@code force} (already clipped). */
  void step(double[] s, double force) {
    double x = s[0];
    double xDot = s[1];
    double theta = s[2];
    double thetaDot = s[3];
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    // Products grouped as Gymnasium writes them (theta_dot**2 and costheta**2 first).
    double push = force + poleMassLength * (thetaDot * thetaDot) * sin;
    if (cartFriction != 0) push -= cartFriction * Math.signum(xDot);
    double temp = push / totalMass;
    double numerator = gravity * sin - cos * temp;
    if (poleFriction != 0) numerator -= poleFriction * thetaDot / (massPole * length);
    double thetaAcc = numerator / (length * (4.0 / 3.0 - massPole * (cos * cos) / totalMass));
    double xAcc = temp - poleMassLength * thetaAcc * cos / totalMass;
    s[0] = x + TAU * xDot;
    s[1] = xDot + TAU * xAcc;
    s[2] = theta + TAU * thetaDot;
    s[3] = thetaDot + TAU * thetaAcc;
  }
}
