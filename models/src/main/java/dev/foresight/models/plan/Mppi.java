package dev.foresight.models.plan;

import java.util.function.LongSupplier;

/**
 * Model-predictive path integral control (Williams et al.), in the information-theoretic form Nav2's
 * MPPI controller also follows, without its control-cost term (gamma * u^T Sigma^-1 v; here only the
 * configured cost terms score a sample): each iteration perturbs the plan with colored noise (sample 0 is the plan itself), clips the
 * samples to the action bounds, rolls them out and moves the plan to their average weighted by
 * {@code exp(-(cost - min cost) / temperature)}. A convex combination of in-bounds samples, the
 * plan stays within the bounds. Samples whose rollout is invalid (NaN or infinity from the model, see
 * {@link Rollouts}) get no weight; an iteration with no valid sample, or whose update is not
 * finite, throws {@link dev.foresight.models.control.PlanFailedException} and leaves the plan as it
 * was. Warm start: {@link #shift} moves the plan one step on and repeats
 * its last action.
 *
 * <pre>{@code
 * Mppi mppi = new Mppi(rollouts, min, max, noiseStd, 1.0, 1, 0.5, 7, clock::nanoTime);
 * mppi.plan(state, deadlineNs);
 * mppi.firstAction(action);
 * mppi.shift(1);
 * }</pre>
 */
public final class Mppi extends SamplingPlanner {

  private final double temperature;
  private final float[] std;
  private final double[] weights;
  private final double[] sum;

  /**
   * @param rollouts    evaluates sampled sequences (K samples, H steps)
   * @param min         lowest value per action
   * @param max         highest value per action
   * @param noiseStd    noise standard deviation per action
   * @param noiseBeta   noise spectrum exponent (0 white, 1 pink, 2 red)
   * @param iterations  iterations per plan when time allows
   * @param temperature lambda, in cost units
   * @param seed        noise seed
   * @param clock       nanoseconds, for deadlines
   */
  public Mppi(Rollouts rollouts, double[] min, double[] max, double[] noiseStd, double noiseBeta, int iterations,
      double temperature, long seed, LongSupplier clock) {
    super(rollouts, min, max, noiseStd, noiseBeta, iterations, seed, clock);
    this.temperature = temperature;
    this.std = new float[h * a];
    for (int t = 0; t < h; t++) for (int j = 0; j < a; j++) std[t * a + j] = this.noiseStd[j];
    this.weights = new double[k];
    this.sum = new double[h * a];
    reset();
  }

  @Override
  protected void begin() {}

  @Override
  protected void iterate() {
    noise.fill(epsilon);
    for (int t = 0; t < h; t++) for (int j = 0; j < a; j++) epsilon[t * k * a + j] = 0f;   // sample 0 = the plan
    perturb(plan, std, 0, k);
    rollouts.evaluate(state, lastAction, samples, cost);
    float best = Float.MAX_VALUE;
    for (int i = 0; i < k; i++) if (Rollouts.valid(cost[i])) best = Math.min(best, cost[i]);
    // No valid sample: an average of invalid ones (all weighted exp(0) = 1) would be a random plan.
    if (!Rollouts.valid(best)) throw noValidSample;
    double total = 0;
    for (int i = 0; i < k; i++) {
      double w = Rollouts.valid(cost[i]) ? Math.exp(-((double) cost[i] - best) / temperature) : 0;   // invalid: no weight
      weights[i] = w;
      total += w;
    }
    java.util.Arrays.fill(sum, 0);
    for (int t = 0; t < h; t++) {
      int row = t * k * a;
      for (int i = 0; i < k; i++) {
        double w = weights[i];
        if (w == 0) continue;
        for (int j = 0; j < a; j++) sum[t * a + j] += w * samples[row + i * a + j];
      }
    }
    // The update is checked whole before it replaces the plan, so a failed iteration leaves the plan as it was.
    for (int n = 0; n < plan.length; n++) {
      sum[n] /= total;
      if (!Double.isFinite(sum[n])) throw nonFiniteAction;
    }
    for (int n = 0; n < plan.length; n++) plan[n] = (float) sum[n];
  }

  @Override
  public String name() {
    return "mppi";
  }
}
