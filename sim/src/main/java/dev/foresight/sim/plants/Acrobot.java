package dev.foresight.sim.plants;

import dev.foresight.sim.Parameter;
import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantFactory;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Gymnasium {@code Acrobot-v1} with the "book" dynamics (Sutton and Barto), one RK4 step of
 * dt = 0.2 s per action as Gymnasium's {@code rk4}, then angle wrapping and velocity bounds. The
 * published action is one of {-1, 0, +1} N m; here the torque on the second joint is continuous
 * and clipped to [-1, 1] N m, so those three values reproduce the discrete actions exactly.
 *
 * <p>theta1 is the first link's angle from hanging straight down, theta2 the second link's angle
 * relative to the first. With {@code d1, d2, phi1, phi2} as in the book,
 * <pre>
 *   ddtheta2 = (a + d2/d1 phi1 - m2 l1 lc2 dtheta1^2 sin theta2 - phi2) / (m2 lc2^2 + I2 - d2^2 / d1)
 *   ddtheta1 = -(d2 ddtheta2 + phi1) / d1
 * </pre>
 * After the step the angles are wrapped into [-pi, pi] and the velocities bounded to +-4 pi and
 * +-9 pi rad/s. The episode terminates when the tip is more than one link above the pivot,
 * {@code -l1 cos theta1 - l2 cos(theta1 + theta2) > l1} (Gymnasium's {@code -cos t1 - cos(t1 + t2) > 1}
 * for unit links); reward -1 per step, 0 on the terminating step. The observation is
 * {@code [cos t1, sin t1, cos t2, sin t2, dt1, dt2]}.
 */
public final class Acrobot implements Plant {

  /** Largest torque, N m. */
  public static final double MAX_TORQUE = 1.0;
  /** First joint's speed bound, rad/s. */
  public static final double MAX_VEL_1 = 4 * Math.PI;
  /** Second joint's speed bound, rad/s. */
  public static final double MAX_VEL_2 = 9 * Math.PI;
  /** Time step, s. */
  public static final double DT = 0.2;

  /** The published parameters. */
  public static final Parameters PARAMETERS = new Parameters("acrobot", List.of(
      Parameter.positive("gravity", "m/s^2", 9.8, "gravitational acceleration"),
      Parameter.positive("link_length_1", "m", 1.0, "first link's length"),
      Parameter.positive("link_length_2", "m", 1.0, "second link's length (termination height and drawing only)"),
      Parameter.positive("link_mass_1", "kg", 1.0, "first link's mass"),
      Parameter.positive("link_mass_2", "kg", 1.0, "second link's mass"),
      Parameter.positive("link_com_1", "m", 0.5, "first link's centre of mass, from its joint"),
      Parameter.positive("link_com_2", "m", 0.5, "second link's centre of mass, from its joint"),
      Parameter.positive("link_moi", "kg*m^2", 1.0, "moment of inertia of each link")));

  private static final double TWO_PI = Math.PI - -Math.PI;

  private final PlantSpec spec;
  private final double g;
  private final double l1;
  private final double l2;
  private final double m1;
  private final double m2;
  private final double lc1;
  private final double lc2;
  private final double moi;
  // State and RK4 scratch, augmented with the torque as Gymnasium does (its derivative is 0).
  private final double[] s = new double[5];
  private final double[] k1 = new double[5];
  private final double[] k2 = new double[5];
  private final double[] k3 = new double[5];
  private final double[] k4 = new double[5];
  private final double[] y = new double[5];
  private boolean terminated;

  /** Acrobot-v1 with the published parameters. */
  public Acrobot() {
    this(PARAMETERS);
  }

  /** An acrobot with the given parameters (see {@link #PARAMETERS}). */
  public Acrobot(Parameters p) {
    g = p.get("gravity");
    l1 = p.get("link_length_1");
    l2 = p.get("link_length_2");
    m1 = p.get("link_mass_1");
    m2 = p.get("link_mass_2");
    lc1 = p.get("link_com_1");
    lc2 = p.get("link_com_2");
    moi = p.get("link_moi");
    spec = new PlantSpec("acrobot",
        List.of(new Variable("theta1", "rad", -Math.PI, Math.PI), new Variable("theta2", "rad", -Math.PI, Math.PI),
            new Variable("theta1_dot", "rad/s", -MAX_VEL_1, MAX_VEL_1),
            new Variable("theta2_dot", "rad/s", -MAX_VEL_2, MAX_VEL_2)),
        List.of(new Variable("torque", "N*m", -MAX_TORQUE, MAX_TORQUE)),
        List.of(new Variable("cos_theta1", "", -1, 1), new Variable("sin_theta1", "", -1, 1),
            new Variable("cos_theta2", "", -1, 1), new Variable("sin_theta2", "", -1, 1),
            new Variable("theta1_dot", "rad/s", -MAX_VEL_1, MAX_VEL_1),
            new Variable("theta2_dot", "rad/s", -MAX_VEL_2, MAX_VEL_2)),
        DT, p.list());
  }

  @Override
  public PlantSpec spec() {
    return spec;
  }

  @Override
  public void reset(double[] state) {
    System.arraycopy(state, 0, s, 0, 4);
    terminated = false;
  }

  /**
   * Each variable uniform in [-0.1, 0.1), rounded to float32 as Acrobot-v1's reset stores it
   * (links hanging down, nearly at rest).
   */
  @Override
  public void reset(RandomGenerator random) {
    double[] state = new double[4];
    for (int i = 0; i < 4; i++) state[i] = (float) random.nextDouble(-0.1, 0.1);
    reset(state);
  }

  @Override
  public double step(double[] action) {
    s[4] = Math.clamp(action[0], -MAX_TORQUE, MAX_TORQUE);
    rk4();
    s[0] = wrap(s[0]);
    s[1] = wrap(s[1]);
    s[2] = Math.min(Math.max(s[2], -MAX_VEL_1), MAX_VEL_1);
    s[3] = Math.min(Math.max(s[3], -MAX_VEL_2), MAX_VEL_2);
    terminated = -l1 * Math.cos(s[0]) - l2 * Math.cos(s[1] + s[0]) > l1;
    return terminated ? 0.0 : -1.0;
  }

  /** One classic Runge-Kutta step over [0, dt], in Gymnasium's {@code rk4} operation order. */
  private void rk4() {
    double dt = DT - 0.0;
    double dt2 = dt / 2.0;
    derivs(s, k1);
    for (int i = 0; i < 5; i++) y[i] = s[i] + dt2 * k1[i];
    derivs(y, k2);
    for (int i = 0; i < 5; i++) y[i] = s[i] + dt2 * k2[i];
    derivs(y, k3);
    for (int i = 0; i < 5; i++) y[i] = s[i] + dt * k3[i];
    derivs(y, k4);
    for (int i = 0; i < 4; i++) s[i] = s[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  }

  /** The book equations ({@code _dsdt}), products grouped as the published source groups them. */
  private void derivs(double[] in, double[] out) {
    double theta1 = in[0];
    double theta2 = in[1];
    double dtheta1 = in[2];
    double dtheta2 = in[3];
    double a = in[4];
    double cos2 = Math.cos(theta2);
    double sin2 = Math.sin(theta2);
    double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + moi + moi;
    double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + moi;
    double phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
    double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
        - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
        + (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2)
        + phi2;
    double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
        / (m2 * (lc2 * lc2) + moi - (d2 * d2) / d1);
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    out[0] = dtheta1;
    out[1] = dtheta2;
    out[2] = ddtheta1;
    out[3] = ddtheta2;
    out[4] = 0.0;
  }

  /** Gymnasium's {@code wrap(x, -pi, pi)}: whole turns added or removed until x is in [-pi, pi]. */
  static double wrap(double x) {
    if (!Double.isFinite(x)) return x;
    if (Math.abs(x) > 1e3) x -= TWO_PI * Math.rint(x / TWO_PI);   // far outside: fold first, then loop as published
    while (x > Math.PI) x = x - TWO_PI;
    while (x < -Math.PI) x = x + TWO_PI;
    return x;
  }

  @Override
  public void state(double[] out) {
    System.arraycopy(s, 0, out, 0, 4);
  }

  @Override
  public void observation(double[] out) {
    out[0] = Math.cos(s[0]);
    out[1] = Math.sin(s[0]);
    out[2] = Math.cos(s[1]);
    out[3] = Math.sin(s[1]);
    out[4] = s[2];
    out[5] = s[3];
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  /** Builds {@code Acrobot} plants ({@code sim.plant: acrobot}). */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "acrobot";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new Acrobot(parameters);
    }
  }
}
