package dev.foresight.models.plan;

import java.util.function.LongSupplier;

/**
 * The cross-entropy method, iCEM-style (Pinneri et al. 2020): colored-noise samples around a mean
 * plan, refit of mean and spread to the lowest-cost {@code elites} with {@code momentum}, a
 * fraction of the elites kept into the next iteration and (shifted) into the next tick, the mean
 * itself evaluated as a sample, and the best sequence found executed. Invalid rollouts (NaN or
 * infinity from the model, see {@link Rollouts}) are never elites; the refit uses the valid ones
 * only, and an iteration without any leaves the distribution as it was. A plan call none of whose
 * iterations found a valid sample throws {@link dev.foresight.models.control.PlanFailedException} and
 * leaves the plan as it was.
 *
 * <pre>{@code
 * Cem cem = new Cem(rollouts, min, max, noiseStd, 2.0, 4, 16, 0.3, 0.1, 7, clock::nanoTime);
 * cem.plan(state, deadlineNs);
 * cem.firstAction(action);
 * cem.shift(1);
 * }</pre>
 */
public final class Cem extends SamplingPlanner {

  private final int elites;
  private final int keep;
  private final float momentum;
  private final float[] mean;
  private final float[] std;
  private final float[] initialStd;
  private final float[] kept;
  private final int[] eliteIndex;
  private final float[] eliteCost;
  private int keptCount;
  private int valid;   // elites found this iteration: at most elites, fewer when rollouts were invalid
  private float bestCost;

  /**
   * @param rollouts    evaluates sampled sequences
   * @param min         lowest value per action
   * @param max         highest value per action
   * @param noiseStd    initial spread per action
   * @param noiseBeta   noise spectrum exponent
   * @param iterations  iterations per plan when time allows
   * @param elites      sequences the distribution is refit to
   * @param keepElites  fraction of elites carried over
   * @param momentum    weight of the old distribution in a refit
   * @param seed        noise seed
   * @param clock       nanoseconds, for deadlines
   */
  public Cem(Rollouts rollouts, double[] min, double[] max, double[] noiseStd, double noiseBeta, int iterations,
      int elites, double keepElites, double momentum, long seed, LongSupplier clock) {
    super(rollouts, min, max, noiseStd, noiseBeta, iterations, seed, clock);
    this.elites = Math.min(elites, k);
    this.keep = Math.min((int) Math.round(keepElites * this.elites), Math.max(0, k - 1));
    this.momentum = (float) momentum;
    this.mean = new float[h * a];
    this.std = new float[h * a];
    this.initialStd = new float[h * a];
    for (int t = 0; t < h; t++) for (int j = 0; j < a; j++) initialStd[t * a + j] = this.noiseStd[j];
    this.kept = new float[Math.max(1, keep) * h * a];
    this.eliteIndex = new int[this.elites];
    this.eliteCost = new float[this.elites];
    reset();
  }

  @Override
  protected void begin() {
    bestCost = Float.POSITIVE_INFINITY;   // costs from another state do not compare
  }

  @Override
  protected void iterate() {
    noise.fill(epsilon);
    perturb(mean, std, 0, k);
    for (int e = 0; e < keptCount; e++) put(kept, e * h * a, e);
    if (keptCount < k) {
      for (int t = 0; t < h; t++) {
        for (int j = 0; j < a; j++) samples[(t * k + keptCount) * a + j] = Math.clamp(mean[t * a + j], min[j], max[j]);
      }
    }
    rollouts.evaluate(state, lastAction, samples, cost);
    selectElites();
    if (valid == 0) return;   // nothing to refit to: the distribution stays; end() fails the plan if no iteration found one
    if (!finiteSample(eliteIndex[0])) throw nonFiniteAction;
    refit();
    keptCount = Math.min(keep, valid);
    for (int e = 0; e < keptCount; e++) take(eliteIndex[e], kept, e * h * a);
    if (eliteCost[0] < bestCost) {
      bestCost = eliteCost[0];
      take(eliteIndex[0], plan, 0);
    }
  }

  @Override
  protected void end() {
    if (bestCost == Float.POSITIVE_INFINITY) throw noValidSample;   // no iteration of this plan had a valid sample
  }

  private boolean finiteSample(int i) {
    for (int t = 0; t < h; t++) {
      for (int j = 0; j < a; j++) if (!Float.isFinite(samples[(t * k + i) * a + j])) return false;
    }
    return true;
  }

  /**
   * The {@code elites} lowest valid costs, ascending, by insertion into a short sorted list:
   * O(K x elites), no allocation. Invalid rollouts are never elites; {@link #valid} says how many were found.
   */
  private void selectElites() {
    int n = 0;
    for (int i = 0; i < k; i++) {
      float c = cost[i];
      if (!Rollouts.valid(c)) continue;
      if (n == elites && c >= eliteCost[n - 1]) continue;
      int at = n < elites ? n++ : n - 1;
      while (at > 0 && eliteCost[at - 1] > c) {
        eliteCost[at] = eliteCost[at - 1];
        eliteIndex[at] = eliteIndex[at - 1];
        at--;
      }
      eliteCost[at] = c;
      eliteIndex[at] = i;
    }
    valid = n;
  }

  private void refit() {
    for (int t = 0; t < h; t++) {
      for (int j = 0; j < a; j++) {
        float m = 0;
        for (int e = 0; e < valid; e++) m += samples[(t * k + eliteIndex[e]) * a + j];
        m /= valid;
        float v = 0;
        for (int e = 0; e < valid; e++) {
          float d = samples[(t * k + eliteIndex[e]) * a + j] - m;
          v += d * d;
        }
        float sd = (float) Math.sqrt(v / valid);
        int at = t * a + j;
        mean[at] = momentum * mean[at] + (1 - momentum) * m;
        std[at] = momentum * std[at] + (1 - momentum) * sd;
      }
    }
  }

  /** Copies sample {@code i} of the batch (time-major) into {@code out[at..at + H*A)}. */
  private void take(int i, float[] out, int at) {
    for (int t = 0; t < h; t++) System.arraycopy(samples, (t * k + i) * a, out, at + t * a, a);
  }

  /** Writes the sequence at {@code src[from..]} as sample {@code i} of the batch. */
  private void put(float[] src, int from, int i) {
    for (int t = 0; t < h; t++) System.arraycopy(src, from + t * a, samples, (t * k + i) * a, a);
  }

  @Override
  public void shift(int steps) {
    super.shift(steps);
    if (steps <= 0) return;
    shiftRows(mean, 0, steps);
    System.arraycopy(initialStd, 0, std, 0, std.length);
    for (int e = 0; e < keptCount; e++) shiftRows(kept, e * h * a, steps);
  }

  @Override
  public void reset() {
    super.reset();
    System.arraycopy(plan, 0, mean, 0, mean.length);
    System.arraycopy(initialStd, 0, std, 0, std.length);
    keptCount = 0;
  }

  @Override
  public String name() {
    return "cem";
  }
}
