package dev.foresight.models.plan;

import dev.foresight.models.control.PlanFailedException;
import dev.foresight.models.control.Planner;
import java.util.function.LongSupplier;

/**
 * What MPPI and CEM share: a plan of H steps x A actions within the action bounds, a batch of K
 * sampled sequences (time-major, as {@link Rollouts} takes them), colored exploration noise, the
 * anytime loop over iterations and the warm start by shifting. Allocation-free once built.
 *
 * <p>Invalid rollouts ({@link Rollouts#valid}: the world model predicted NaN or infinity) get no
 * weight; when there is no valid sample to plan from, or the update is not finite, {@link #plan}
 * throws the planner's preallocated {@link PlanFailedException} (allocation-free) and the plan stays
 * as it was. The runtime's plan phase reports that like any planner failure, to the
 * {@code planner_error} ladder.
 *
 * <p>Not thread-safe: one thread plans (inline, the control thread; async, the planner thread,
 * which publishes {@link #copyPlan} copies for the tick). {@link #close} releases the world model.
 */
public abstract class SamplingPlanner implements Planner, AutoCloseable {

  protected final Rollouts rollouts;
  protected final int k;
  protected final int h;
  protected final int a;
  protected final float[] min;
  protected final float[] max;
  protected final float[] noiseStd;
  protected final ColoredNoise noise;
  protected final float[] epsilon;
  protected final float[] samples;
  protected final float[] cost;
  protected final float[] state;
  protected final float[] lastAction;
  /** The plan: H x A, step 0 first. */
  protected final float[] plan;
  /** Thrown (preallocated, so allocation-free) when an iteration has no valid sample. */
  protected final PlanFailedException noValidSample;
  /** Thrown (preallocated) when the optimizer's update is not finite. */
  protected final PlanFailedException nonFiniteAction;
  private final float[] tail;
  private final int iterations;
  private final LongSupplier clock;
  private int lastIterations;

  /**
   * @param rollouts   evaluates the sampled sequences
   * @param min        lowest value per action
   * @param max        highest value per action
   * @param noiseStd   exploration noise per action
   * @param noiseBeta  noise spectrum exponent
   * @param iterations iterations per plan when time allows
   * @param seed       noise seed
   * @param clock      nanoseconds, for deadlines
   */
  protected SamplingPlanner(Rollouts rollouts, double[] min, double[] max, double[] noiseStd, double noiseBeta,
      int iterations, long seed, LongSupplier clock) {
    this.rollouts = rollouts;
    this.k = rollouts.samples();
    this.h = rollouts.horizon();
    this.a = rollouts.actionSize();
    this.min = floats(min);
    this.max = floats(max);
    this.noiseStd = floats(noiseStd);
    this.noise = new ColoredNoise(h, k * a, noiseBeta, seed);
    this.epsilon = new float[h * k * a];
    this.samples = new float[h * k * a];
    this.cost = new float[k];
    this.state = new float[rollouts.stateSize()];
    this.lastAction = new float[a];
    this.plan = new float[h * a];
    this.tail = new float[a];
    String who = name();
    this.noValidSample = new PlanFailedException(who + ": no valid sample (all " + k
        + " rollouts predicted NaN or infinity); the world model is broken here");
    this.nonFiniteAction = new PlanFailedException(who + ": the optimizer produced a non-finite action");
    this.iterations = iterations;
    this.clock = clock;
    for (int j = 0; j < a; j++) lastAction[j] = Math.clamp(0f, this.min[j], this.max[j]);
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    return f;
  }

  /** Called once per {@link #plan} before the first iteration. */
  protected abstract void begin();

  /**
   * One iteration: sample, evaluate with {@link #rollouts}, update the plan.
   *
   * @throws PlanFailedException when the iteration cannot give a valid plan (the plan stays as it was)
   */
  protected abstract void iterate();

  /**
   * Called once per {@link #plan} after the last iteration.
   *
   * @throws PlanFailedException when the iterations together found no valid plan
   */
  protected void end() {}

  @Override
  public final int plan(double[] stateNow, long deadlineNs) {
    if (clock.getAsLong() - deadlineNs > 0) return 0;
    for (int i = 0; i < state.length; i++) state[i] = (float) stateNow[i];
    begin();
    int done = 0;
    do {
      iterate();
      done++;
    } while (done < iterations && deadlineNs - clock.getAsLong() > 0);
    lastIterations = done;
    end();
    return done;
  }

  /** Iterations the last {@link #plan} completed. */
  public int lastIterations() {
    return lastIterations;
  }

  @Override
  public int horizon() {
    return h;
  }

  @Override
  public int actionSize() {
    return a;
  }

  /** Samples per iteration. */
  public int samples() {
    return k;
  }

  /** The rollouts (for benchmarks and logs). */
  public Rollouts rollouts() {
    return rollouts;
  }

  @Override
  public void copyPlan(double[] out) {
    for (int i = 0; i < plan.length; i++) out[i] = plan[i];
  }

  @Override
  public void firstAction(double[] action) {
    for (int j = 0; j < a; j++) action[j] = plan[j];
  }

  @Override
  public void shift(int steps) {
    if (steps <= 0) return;
    int n = Math.min(steps, h);
    System.arraycopy(plan, (n - 1) * a, lastAction, 0, a);
    shiftRows(plan, 0, n);
  }

  /**
   * Drops the first {@code steps} rows of the H x A plan stored at {@code rows[base..]} and repeats
   * its last row into the freed tail (all rows, when {@code steps >= H}).
   */
  protected final void shiftRows(float[] rows, int base, int steps) {
    int n = Math.min(steps, h);
    System.arraycopy(rows, base + (h - 1) * a, tail, 0, a);
    System.arraycopy(rows, base + n * a, rows, base, (h - n) * a);
    for (int t = h - n; t < h; t++) System.arraycopy(tail, 0, rows, base + t * a, a);
  }

  /** Sample {@code i} of the batch: plan-relative noise, clipped to the bounds, into {@link #samples}. */
  protected final void perturb(float[] mean, float[] std, int from, int to) {
    for (int t = 0; t < h; t++) {
      int row = t * k * a;
      for (int i = from; i < to; i++) {
        for (int j = 0; j < a; j++) {
          int at = row + i * a + j;
          samples[at] = Math.clamp(mean[t * a + j] + std[t * a + j] * epsilon[at], min[j], max[j]);
        }
      }
    }
  }

  @Override
  public void reset() {
    for (int t = 0; t < h; t++) {
      for (int j = 0; j < a; j++) plan[t * a + j] = Math.clamp(0f, min[j], max[j]);
    }
    for (int j = 0; j < a; j++) lastAction[j] = Math.clamp(0f, min[j], max[j]);
  }

  @Override
  public void close() {
    rollouts.close();
  }
}
