package dev.foresight.examples.flywheel.sim;

import dev.foresight.sim.Parameter;
import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantFactory;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A DC motor spinning a flywheel, stepped at 100 Hz (semi-implicit Euler):
 * <pre>
 *   i      = (v - k w) / R                    v clipped to [-12, 12] V
 *   w'     = w + (k i - b w) / J dt
 *   reward = -v i dt                          the electrical energy the step took, J
 * </pre>
 * State {@code omega} (rad/s); action {@code voltage} (V); observation {@code omega} and
 * {@code current} (A). Starts at rest.
 */
public final class Flywheel implements Plant {

  /** The parameters with their default values. */
  public static final Parameters PARAMETERS = new Parameters("flywheel", List.of(
      Parameter.positive("resistance", "ohm", 1.0, "winding resistance"),
      Parameter.positive("torque_constant", "N*m/A", 0.05, "motor constant (also V s/rad)"),
      Parameter.positive("inertia", "kg*m^2", 0.001, "flywheel and rotor inertia"),
      Parameter.nonNegative("damping", "N*m*s/rad", 1e-5, "viscous friction")));

  private static final double DT = 0.01;
  private static final double MAX_VOLTS = 12.0;

  private final PlantSpec spec;
  private final double r;
  private final double k;
  private final double j;
  private final double b;
  private double omega;
  private double current;

  /** A flywheel with the given parameters (see {@link #PARAMETERS}). */
  public Flywheel(Parameters p) {
    r = p.get("resistance");
    k = p.get("torque_constant");
    j = p.get("inertia");
    b = p.get("damping");
    spec = new PlantSpec("flywheel", List.of(Variable.of("omega", "rad/s")),
        List.of(new Variable("voltage", "V", -MAX_VOLTS, MAX_VOLTS)),
        List.of(Variable.of("omega", "rad/s"), Variable.of("current", "A")), DT, p.list());
  }

  @Override
  public PlantSpec spec() {
    return spec;
  }

  @Override
  public void reset(double[] state) {
    omega = state[0];
    current = 0.0;
  }

  @Override
  public void reset(RandomGenerator random) {
    reset(new double[] {0.0});
  }

  @Override
  public double step(double[] action) {
    double v = Math.clamp(action[0], -MAX_VOLTS, MAX_VOLTS);
    current = (v - k * omega) / r;
    omega += (k * current - b * omega) / j * DT;
    return -v * current * DT;
  }

  @Override
  public void state(double[] out) {
    out[0] = omega;
  }

  @Override
  public void observation(double[] out) {
    out[0] = omega;
    out[1] = current;
  }

  @Override
  public boolean terminated() {
    return false;
  }

  /** Builds flywheels for {@code sim: {plant: flywheel}}. */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "flywheel";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new Flywheel(parameters);
    }
  }
}
