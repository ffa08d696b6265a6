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
 * Gymnasium {@code MountainCarContinuous-v0}: an under-powered car in a valley whose height is
 * {@code 0.45 sin(3 x) + 0.55}, which must rock back and forth to reach the flag at x = 0.45.
 *
 * <pre>
 *   f  = clip(a, -1, 1)
 *   v' = clip(v + f power - 0.0025 cos(3 x), -0.07, 0.07)
 *   x' = clip(x + v', -1.2, 0.6);  v' = 0 if x' = -1.2 and v' < 0     (inelastic left wall)
 *   terminated = x' >= 0.45 and v' >= 0
 *   reward     = 100 [terminated] - 0.1 a^2                            (the raw, unclipped action)
 * </pre>
 * with power = 0.0015. As published, velocity is per step (the equations have no time step) and
 * the state is stored in float32 after each step (so {@code 3 x} is a float32 product from the second
 * step on, as NumPy computes it); the rest of the arithmetic within a step is double. Foresight
 * steps it at 30 Hz, the environment's render rate. Reset: x uniform in [-0.6, -0.4), v = 0.
 */
public final class MountainCar implements Plant {

  /** Action bound (dimensionless force). */
  public static final double MAX_ACTION = 1.0;
  /** Left end of the track. */
  public static final double MIN_POSITION = -1.2;
  /** Right end of the track. */
  public static final double MAX_POSITION = 0.6;
  /** Speed bound, per step. */
  public static final double MAX_SPEED = 0.07;
  /** Where the flag is. */
  public static final double GOAL_POSITION = 0.45;
  /** Time step Foresight runs it at, s (the published equations have none). */
  public static final double DT = 1.0 / 30.0;

  /** The published parameters. */
  public static final Parameters PARAMETERS = new Parameters("mountain-car", List.of(
      Parameter.positive("power", "m/step^2", 0.0015, "acceleration per unit of action (the motor constant)"),
      Parameter.positive("gravity", "m/step^2", 0.0025, "the hill's pull, times cos(3 x)")));

  private final PlantSpec spec;
  private final double power;
  private final double gravity;
  private double position;
  private double velocity;
  /** True once a step has stored the state as float32 (Gymnasium's reset leaves it float64). */
  private boolean float32State;
  private boolean terminated;

  /** MountainCarContinuous-v0 with the published parameters. */
  public MountainCar() {
    this(PARAMETERS);
  }

  /** A mountain car with the given parameters (see {@link #PARAMETERS}). */
  public MountainCar(Parameters p) {
    power = p.get("power");
    gravity = p.get("gravity");
    spec = new PlantSpec("mountain-car",
        List.of(new Variable("position", "m", MIN_POSITION, MAX_POSITION),
            new Variable("velocity", "m/step", -MAX_SPEED, MAX_SPEED)),
        List.of(new Variable("force", "", -MAX_ACTION, MAX_ACTION)),
        List.of(new Variable("position", "m", MIN_POSITION, MAX_POSITION),
            new Variable("velocity", "m/step", -MAX_SPEED, MAX_SPEED)),
        DT, p.list());
  }

  @Override
  public PlantSpec spec() {
    return spec;
  }

  @Override
  public void reset(double[] state) {
    position = state[0];
    velocity = state[1];
    float32State = false;
    terminated = false;
  }

  /** Position uniform in [-0.6, -0.4), at rest, as MountainCarContinuous-v0's reset (kept in double). */
  @Override
  public void reset(RandomGenerator random) {
    reset(new double[] {random.nextDouble(-0.6, -0.4), 0.0});
  }

  @Override
  public double step(double[] action) {
    double raw = action[0];
    double force = Math.min(Math.max(raw, -MAX_ACTION), MAX_ACTION);
    // With a float32 state, NumPy evaluates 3 * position in float32 (any NumPy version).
    double angle = float32State ? (float) (3 * position) : 3 * position;
    double v = velocity + (force * power - gravity * Math.cos(angle));
    if (v > MAX_SPEED) v = MAX_SPEED;
    if (v < -MAX_SPEED) v = -MAX_SPEED;
    double x = position + v;
    if (x > MAX_POSITION) x = MAX_POSITION;
    if (x < MIN_POSITION) x = MIN_POSITION;
    if (x == MIN_POSITION && v < 0) v = 0;
    terminated = x >= GOAL_POSITION && v >= 0;
    double reward = terminated ? 100.0 : 0.0;
    reward -= raw * raw * 0.1;
    position = (float) x;    // Gymnasium keeps the state as float32
    velocity = (float) v;
    float32State = true;
    return reward;
  }

  @Override
  public void state(double[] out) {
    out[0] = position;
    out[1] = velocity;
  }

  @Override
  public void observation(double[] out) {
    state(out);
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  /** Builds {@code MountainCar} plants ({@code sim.plant: mountain-car}). */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "mountain-car";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new MountainCar(parameters);
    }
  }
}
