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
   * @param returns   one return per episode, in seed order
   * @param successes per episode, whether it met the success criterion (empty without one)
   */
  public record Result(List<Double> returns, List<Boolean> successes) {

    /** Returns without a success criterion. */
    public Result(List<Double> returns) {
      this(returns, List.of());
    }

    /** Episodes that met the success criterion. */
    public long successCount() {
      return successes.stream().filter(b -> b).count();
    }

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
   * What counts as success: every listed state variable within its tolerance of 0 (angles wrapped)
   * at every step of the episode's last {@code windowSteps} steps, and no early termination. For the
   * cart-pole swing-up, {@code theta} within 0.2 rad and {@code x} within 0.5 m for the last 2 s.
   *
   * @param stateIndex  state variables checked (config order)
   * @param tolerance   largest |value| allowed, per checked variable
   * @param windowSteps the episode's last steps that must all be within
   */
  public record Success(int[] stateIndex, double[] tolerance, int windowSteps) {}

  /**
   * Runs {@code episodes} episodes of {@code steps} steps; episode {@code i} resets the plant from
   * seed {@code seed + i} (or to {@code initial} when given).
   *
   * @throws IllegalArgumentException when a state variable is not read from the plant
   */
  public static Result run(RobotConfig config, Controller controller, int episodes, long seed, int steps,
      double[] initial) {
    return run(config, controller, episodes, seed, steps, initial, null);
  }

  /** As {@link #run(RobotConfig, Controller, int, long, int, double[])}, judging each episode by {@code success} (null: none). */
  public static Result run(RobotConfig config, Controller controller, int episodes, long seed, int steps,
      double[] initial, Success success) {
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
    List<Boolean> successes = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      boolean within = true;
      boolean terminated = false;
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
        if (success != null && t >= steps - success.windowSteps()) {
          for (int c = 0; c < success.stateIndex().length; c++) {
            if (!(Math.abs(x[success.stateIndex()[c]]) < success.tolerance()[c])) within = false;
          }
        }
        controller.compute(x, u);
        for (int j = 0; j < u.length; j++) {
          plantAction[actionMap[j]] = Math.clamp(u[j], action.get(j).min(), action.get(j).max());
        }
        total += plant.step(plantAction);
        if (plant.terminated()) {
          terminated = true;
          break;
        }
      }
      returns.add(total);
      if (success != null) successes.add(within && !terminated);
    }
    return new Result(List.copyOf(returns), List.copyOf(successes));
  }
}
