package dev.foresight.sim.plants;

import dev.foresight.config.Angles;
import dev.foresight.sim.Parameter;
import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantFactory;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Gymnasium {@code Pendulum-v1}, step for step: a uniform rod of mass {@code m} and length
 * {@code l} on a pivot with a torque motor, angle 0 upright, counter-clockwise positive.
 *
 * <pre>
 *   u      = clip(u, -2, 2)
 *   reward = -(normalize(th)^2 + 0.1 thdot^2 + 0.001 u^2)        (pre-step state)
 *   thdot' = clip(thdot + (3 g / (2 l) sin(th) + 3 / (m l^2) (u - b thdot)) dt, -8, 8)
 *   th'    = th + thdot' dt                                      (semi-implicit Euler)
 * </pre>
 * with g = 10, m = 1, l = 1, dt = 0.05 and the viscous friction b = 0 (Gymnasium has none; with
 * b = 0 the term is skipped, so the published equations hold bit for bit). The internal angle is not wrapped (as in Gymnasium); the
 * observation is {@code [cos th, sin th, thdot]}. Never terminates. Every product is grouped as in
 * the published source, so results agree with it to the last bit wherever the sine agrees.
 */
public final class Pendulum implements Plant {

  /** Largest torque, N m. */
  public static final double MAX_TORQUE = 2.0;
  /** Largest angular speed, rad/s. */
  public static final double MAX_SPEED = 8.0;
  /** Time step, s. */
  public static final double DT = 0.05;

  /** The published parameters. */
  public static final Parameters PARAMETERS = new Parameters("pendulum", List.of(
      Parameter.positive("gravity", "m/s^2", 10.0, "gravitational acceleration (Gymnasium's g)"),
      Parameter.positive("mass", "kg", 1.0, "rod mass"),
      Parameter.positive("length", "m", 1.0, "rod length"),
      Parameter.nonNegative("friction", "N*m*s/rad", 0.0, "viscous friction at the pivot (0 in Pendulum-v1)")));

  private final double g;
  private final double m;
  private final double l;
  private final double b;
  private final double dt;
  private final PlantSpec spec;
  private double th;
  private double thdot;

  /** The published parameters: g = 10, m = 1, l = 1, dt = 0.05. */
  public Pendulum() {
    this(PARAMETERS);
  }

  /** A pendulum with the given parameters (see {@link #PARAMETERS}) and the published time step. */
  public Pendulum(Parameters parameters) {
    this(parameters, DT);
  }

  /** A pendulum with other physical parameters and time step. */
  public Pendulum(double gravity, double massKg, double lengthM, double dtS) {
    this(PARAMETERS.with(java.util.Map.of("gravity", gravity, "mass", massKg, "length", lengthM)), dtS);
  }

  private Pendulum(Parameters parameters, double dtS) {
    this.g = parameters.get("gravity");
    this.m = parameters.get("mass");
    this.l = parameters.get("length");
    this.b = parameters.get("friction");
    this.dt = dtS;
    this.spec = new PlantSpec(
        "pendulum",
        List.of(Variable.of("theta", "rad"), new Variable("theta_dot", "rad/s", -MAX_SPEED, MAX_SPEED)),
        List.of(new Variable("torque", "N*m", -MAX_TORQUE, MAX_TORQUE)),
        List.of(new Variable("cos_theta", "", -1, 1), new Variable("sin_theta", "", -1, 1),
            new Variable("theta_dot", "rad/s", -MAX_SPEED, MAX_SPEED)),
        dtS, parameters.list());
  }

  @Override
  public PlantSpec spec() {
    return spec;
  }

  @Override
  public void reset(double[] state) {
    th = state[0];
    thdot = state[1];
  }

  /** Uniform in [-pi, pi) x [-1, 1), as Pendulum-v1's reset. */
  @Override
  public void reset(RandomGenerator random) {
    th = random.nextDouble(-Math.PI, Math.PI);
    thdot = random.nextDouble(-1.0, 1.0);
  }

  @Override
  public double step(double[] action) {
    double u = Math.clamp(action[0], -MAX_TORQUE, MAX_TORQUE);
    double thNorm = Angles.wrap(th);
    // Grouped as Gymnasium writes it: 0.1 * thdot**2 is 0.1 * (thdot * thdot).
    double cost = thNorm * thNorm + 0.1 * (thdot * thdot) + 0.001 * (u * u);
    // Friction is a torque against the motion, not clipped with the motor's; skipped when 0 so the
    // published operations are untouched.
    double torque = b == 0.0 ? u : u - b * thdot;
    double newThdot = thdot + (3.0 * g / (2.0 * l) * Math.sin(th) + 3.0 / (m * (l * l)) * torque) * dt;
    newThdot = Math.clamp(newThdot, -MAX_SPEED, MAX_SPEED);
    th = th + newThdot * dt;
    thdot = newThdot;
    return -cost;
  }

  @Override
  public void state(double[] out) {
    out[0] = th;
    out[1] = thdot;
  }

  @Override
  public void observation(double[] out) {
    out[0] = Math.cos(th);
    out[1] = Math.sin(th);
    out[2] = thdot;
  }

  @Override
  public boolean terminated() {
    return false;
  }

  /** Builds {@code Pendulum} plants ({@code sim.plant: pendulum}). */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "pendulum";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new Pendulum(parameters);
    }
  }
}
