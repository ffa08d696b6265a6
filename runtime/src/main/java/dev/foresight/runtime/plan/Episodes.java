package dev.foresight.runtime.plan;

import dev.foresight.config.Angles;
import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.models.control.Controller;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Closed-loop episodes of a controller on the config's simulated plant, scored by the plant's own
 * reward (for Pendulum-v1, Gymnasium's). The controller sees the plant's state through the
 * config's {@code plant.*} sources (wrapped where the variable wraps) and its actions are clipped
 * to the action limits, as the safety supervisor would.
 */
public final class Episodes {

  private Episodes() {}

  /**
   * Returns of a set of episodes.
   *
   * @param returns one return per episode, in seed order
   */
  public record Result(List<Double> returns) {

    /** Mean return. */
    public double mean() {
      return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Population standard deviation, as Gymnasium's evaluation reports. */
    public double std() {
      double m = mean();
      return Math.sqrt(returns.stream().mapToDouble(r -> (r - m) * (r - m)).average().orElse(Double.NaN));
    }

    /** Lowest return. */
    public double min() {
      return returns.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** Highest return. */
    public double max() {
      return returns.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  /** A clock for planners in unpaced episodes: never reaches a deadline (plans run all iterations). */
  public static final class Counter implements LongSupplier {
    private long now;

    @Override
    public long getAsLong() {
      return ++now;
    }
  }

  /**
   * Runs {@code episodes} episodes of {@code steps} steps; episode {@code i} resets the plant from
   * seed {@code seed + i} (or to {@code initial} when given).
   *
   * @throws IllegalArgumentException when a state variable is not read from the plant
   */
  public static Result run(RobotConfig config, Controller controller, int episodes, long seed, int steps,
      double[] initial) {
    Plant plant = Plants.create(config.sim().orElseThrow().plant());
    List<StateVariable> state = config.state();
    int[] stateMap = new int[state.size()];
    for (int i = 0; i < stateMap.length; i++) {
      String source = state.get(i).source();
      stateMap[i] = source.startsWith("plant.") ? plant.spec().stateIndex(source.substring(6)) : -1;
      if (stateMap[i] < 0) {
        throw new IllegalArgumentException("state[" + i + "].source: sim eval reads the plant's state directly, so every "
            + "state variable needs a plant.<variable> source (got '" + source + "')");
      }
    }
    List<ActionVariable> action = config.action();
    int[] actionMap = new int[action.size()];
    for (int j = 0; j < actionMap.length; j++) {
      String target = action.get(j).target();
      actionMap[j] = target.startsWith("plant.") ? plant.spec().actionIndex(target.substring(6)) : -1;
      if (actionMap[j] < 0) {
        throw new IllegalArgumentException("action[" + j + "].target: sim eval drives the plant directly, so every action "
            + "needs a plant.<variable> target (got '" + target + "')");
      }
    }
    if (initial != null && initial.length != plant.spec().state().size()) {
      throw new IllegalArgumentException("--initial-state has " + initial.length + " values but plant "
          + plant.spec().name() + " has " + plant.spec().state().size() + " (" + String.join(", ", plant.spec().stateNames()) + ")");
    }
    double[] plantState = new double[plant.spec().state().size()];
    double[] plantAction = new double[plant.spec().action().size()];
    double[] x = new double[state.size()];
    double[] u = new double[action.size()];
    List<Double> returns = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      if (initial != null) plant.reset(initial);
      else plant.reset(new SplittableRandom(seed + e));
      controller.reset();
      double total = 0;
      for (int t = 0; t < steps; t++) {
        plant.state(plantState);
        for (int i = 0; i < x.length; i++) {
          double v = plantState[stateMap[i]];
          x[i] = state.get(i).wrap() ? Angles.wrap(v) : v;
        }
        controller.compute(x, u);
        for (int j = 0; j < u.length; j++) {
          plantAction[actionMap[j]] = Math.clamp(u[j], action.get(j).min(), action.get(j).max());
        }
        total += plant.step(plantAction);
        if (plant.terminated()) break;
      }
      returns.add(total);
    }
    return new Result(List.copyOf(returns));
  }
}
