package dev.foresight.runtime.learn;

import dev.foresight.config.ActionVariable;
import dev.foresight.models.control.Controller;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Exploration for data collection: every action uniform in its limits, drawn anew each tick from a
 * seeded generator (as Gymnasium's {@code action_space.sample()} explores). Allocation-free.
 */
public final class RandomPolicy implements Controller {

  private final double[] min;
  private final double[] max;
  private SplittableRandom random;

  /** Uniform actions within the limits of {@code actions}, from {@code seed}. */
  public RandomPolicy(List<ActionVariable> actions, long seed) {
    this.min = actions.stream().mapToDouble(ActionVariable::min).toArray();
    this.max = actions.stream().mapToDouble(ActionVariable::max).toArray();
    this.random = new SplittableRandom(seed);
  }

  /** Restarts the draws from {@code seed} (each episode gets its own). */
  public void reseed(long seed) {
    random = new SplittableRandom(seed);
  }

  @Override
  public void compute(double[] state, double[] action) {
    for (int j = 0; j < action.length; j++) action[j] = min[j] + (max[j] - min[j]) * random.nextDouble();
  }

  @Override
  public String name() {
    return "random";
  }
}
