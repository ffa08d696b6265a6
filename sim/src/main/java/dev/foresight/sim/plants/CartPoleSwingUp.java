package dev.foresight.sim.plants;

import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantFactory;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Cart-pole swing-up: {@code CartPole-v1}'s dynamics and force limit (see {@link CartPole}) with the
 * pole starting down, a track twice as long and no angle limit. The task follows the widely used
 * swing-up variants (Deisenroth's PILCO cart-pole, and the {@code CartPoleSwingUp} of estool and the
 * WANN paper): reward per step, on the post-step state,
 *
 * <pre>
 *   reward = (1 + cos th) / 2 * cos(pi / 2 * x / 4.8)
 * </pre>
 * which is 1 upright at the centre, 0 hanging down or at the track's ends. The episode terminates
 * when |x| > 4.8 m (the edge of {@code CartPole-v1}'s observation space); the terminating step is
 * rewarded by the same formula (slightly negative just past the end). The angle is not wrapped,
 * so full turns show in the state; the observation is {@code [x, x_dot, cos th, sin th, th_dot]}.
 * Reset: {@code th} uniform in pi +- 0.05, the other variables uniform in +-0.05.
 */
public final class CartPoleSwingUp implements Plant {

  /** Track half-length, m: twice CartPole-v1's. */
  public static final double X_LIMIT = 4.8;

  /** The published CartPole-v1 parameters (frictions off). */
  public static final Parameters PARAMETERS = new Parameters("cartpole-swingup", CartPoleDynamics.parameters());

  private final PlantSpec spec;
  private final CartPoleDynamics dynamics;
  private final double[] s = new double[4];
  private boolean terminated;

  /** The swing-up task with CartPole-v1's parameters. */
  public CartPoleSwingUp() {
    this(PARAMETERS);
  }

  /** The swing-up task with the given parameters (see {@link #PARAMETERS}). */
  public CartPoleSwingUp(Parameters parameters) {
    this.dynamics = new CartPoleDynamics(parameters);
    this.spec = new PlantSpec("cartpole-swingup",
        List.of(new Variable("x", "m", -X_LIMIT, X_LIMIT), Variable.of("x_dot", "m/s"), Variable.of("theta", "rad"),
            Variable.of("theta_dot", "rad/s")),
        List.of(new Variable("force", "N", -CartPoleDynamics.MAX_FORCE, CartPoleDynamics.MAX_FORCE)),
        List.of(new Variable("x", "m", -X_LIMIT, X_LIMIT), Variable.of("x_dot", "m/s"),
            new Variable("cos_theta", "", -1, 1), new Variable("sin_theta", "", -1, 1),
            Variable.of("theta_dot", "rad/s")),
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
  }

  /** Pole down: theta uniform in [pi - 0.05, pi + 0.05), the rest uniform in [-0.05, 0.05). */
  @Override
  public void reset(RandomGenerator random) {
    reset(new double[] {
      random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05),
      Math.PI + random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05)});
  }

  @Override
  public double step(double[] action) {
    dynamics.step(s, Math.clamp(action[0], -CartPoleDynamics.MAX_FORCE, CartPoleDynamics.MAX_FORCE));
    double x = s[0];
    terminated = x < -X_LIMIT || x > X_LIMIT;
    double upright = (Math.cos(s[2]) + 1.0) / 2.0;
    double centred = Math.cos(x / X_LIMIT * (Math.PI / 2.0));
    return upright * centred;
  }

  @Override
  public void state(double[] out) {
    System.arraycopy(s, 0, out, 0, 4);
  }

  @Override
  public void observation(double[] out) {
    out[0] = s[0];
    out[1] = s[1];
    out[2] = Math.cos(s[2]);
    out[3] = Math.sin(s[2]);
    out[4] = s[3];
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  /** Builds {@code CartPoleSwingUp} plants ({@code sim.plant: cartpole-swingup}). */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "cartpole-swingup";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new CartPoleSwingUp(parameters);
    }
  }
}
