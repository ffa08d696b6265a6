package dev.foresight.sim.plants;

import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantFactory;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Gymnasium {@code CartPole-v1} dynamics (Barto, Sutton and Anderson; explicit Euler, tau = 0.02)
 * with a continuous force input clipped to [-10, 10] N, so that +10 and -10 reproduce the two
 * discrete actions exactly. Angle 0 is upright, positive clockwise (the pole leans towards +x).
 *
 * <pre>
 *   temp     = (F + m_p l thdot^2 sin th) / (m_c + m_p)
 *   thacc    = (g sin th - cos th temp) / (l (4/3 - m_p cos^2 th / (m_c + m_p)))
 *   xacc     = temp - m_p l thacc cos th / (m_c + m_p)
 *   x' = x + tau xdot;  xdot' = xdot + tau xacc;  th' = th + tau thdot;  thdot' = thdot + tau thacc
 * </pre>
 * with g = 9.8, m_c = 1, m_p = 0.1, l = 0.5 (half the pole). The episode terminates when
 * |x| > 2.4 m or |th| > 12 degrees. Reward 1 per step up to and including the terminating one,
 * 0 after it (Gymnasium's default, non-Sutton-Barto reward). Optional Coulomb cart friction and
 * viscous pole friction (0 by default) follow Barto et al. 1983; see {@link CartPoleDynamics}.
 */
public final class CartPole implements Plant {

  /** Largest force, N. */
  public static final double MAX_FORCE = CartPoleDynamics.MAX_FORCE;
  /** Cart position limit, m. */
  public static final double X_THRESHOLD = 2.4;
  /** Pole angle limit: 12 degrees, in rad, computed as Gymnasium does. */
  public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;

  /** The published parameters (frictions off). */
  public static final Parameters PARAMETERS = new Parameters("cartpole", CartPoleDynamics.parameters());

  private static final List<Variable> STATE = List.of(Variable.of("x", "m"), Variable.of("x_dot", "m/s"),
      Variable.of("theta", "rad"), Variable.of("theta_dot", "rad/s"));

  private final PlantSpec spec;
  private final CartPoleDynamics dynamics;
  private final double[] s = new double[4];
  private boolean terminated;
  private boolean terminationRewarded;

  /** CartPole-v1 with the published parameters. */
  public CartPole() {
    this(PARAMETERS);
  }

  /** CartPole with the given parameters (see {@link #PARAMETERS}). */
  public CartPole(Parameters parameters) {
    this.dynamics = new CartPoleDynamics(parameters);
    this.spec = new PlantSpec("cartpole", STATE, List.of(new Variable("force", "N", -MAX_FORCE, MAX_FORCE)), STATE,
        CartPoleDynamics.TAU, parameters.list());
  }

  @Override
  public PlantSpec spec() {
    return spec;
  }

  @Override
  public void reset(double[] state) {
    System.arraycopy(state, 0, s, 0, 4);
    terminated = false;
    terminationRewarded = false;
  }

  /** Each variable uniform in [-0.05, 0.05), as CartPole-v1's reset. */
  @Override
  public void reset(RandomGenerator random) {
    reset(new double[] {
      random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05),
      random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05)});
  }

  @Override
  public double step(double[] action) {
    dynamics.step(s, Math.clamp(action[0], -MAX_FORCE, MAX_FORCE));
    double x = s[0];
    double theta = s[2];
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
    System.arraycopy(s, 0, out, 0, 4);
  }

  @Override
  public void observation(double[] out) {
    state(out);
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  /** Builds {@code CartPole} plants ({@code sim.plant: cartpole}). */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "cartpole";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new CartPole(parameters);
    }
  }
}
