package dev.foresight.models.eval;

import dev.foresight.config.Angles;
import dev.foresight.models.world.WorldModel;
import java.util.List;

/**
 * Open-loop (k-step) prediction error of a world model: from N recorded start states, the model is
 * fed the recorded (or any) action sequence for H steps without ever seeing the true state again,
 * and its prediction after each step is compared with the truth. This is how far ahead a planner
 * can trust it (PETS, MBPO report the same curve).
 *
 * <p>For an ensemble, each member also rolls out on its own (trajectory sampling); the spread of
 * the members' trajectories gives the model's own uncertainty, and <em>calibration</em> is how often
 * the truth falls within one and two standard deviations of the members' mean (68.3% and 95.4% for
 * a well-calibrated Gaussian).
 *
 * <pre>{@code
 * OpenLoop.Result r = OpenLoop.evaluate(meanModel, memberModel, wrapped, names, x0, actions, truth, n, 50);
 * double rmseThetaAt10 = r.rmse()[9][0];
 * }</pre>
 */
public final class OpenLoop {

  /**
   * Errors per horizon step (index {@code h - 1}) and state variable.
   *
   * @param stateNames  state variables
   * @param horizon     steps evaluated
   * @param starts      start states
   * @param rmse        root mean square error of the model's prediction ({@code next_state} rolled out)
   * @param coverage1   share of |truth - members' mean| <= 1 sd (NaN without an ensemble)
   * @param coverage2   share within 2 sd (NaN without an ensemble)
   * @param spread      mean standard deviation across the members' trajectories (0 without an ensemble)
   * @param example     the first start's predicted trajectory, {@code horizon x S}
   * @param exampleTruth the first start's true trajectory, {@code horizon x S}
   */
  public record Result(List<String> stateNames, int horizon, int starts, double[][] rmse, double[][] coverage1,
      double[][] coverage2, double[][] spread, double[] example, double[] exampleTruth) {

    /** RMSE at step {@code h} (from 1) of variable {@code i}. */
    public double rmse(int h, int i) {
      return rmse[h - 1][i];
    }

    /** Coverage of the 1-sd interval at step {@code h}, over all variables. */
    public double coverage1(int h) {
      return average(coverage1[h - 1]);
    }

    /** Coverage of the 2-sd interval at step {@code h}, over all variables. */
    public double coverage2(int h) {
      return average(coverage2[h - 1]);
    }

    private static double average(double[] v) {
      double s = 0;
      for (double x : v) s += x;
      return s / v.length;
    }
  }

  private OpenLoop() {}

  /**
   * Rolls the model out from every start.
   *
   * @param mean      the model, bound to batch {@code n} (its {@code next_state} is rolled out)
   * @param members   for an ensemble of E members, the same model bound to batch {@code E * n} (rows
   *                  {@code m*n .. m*n+n-1} follow member m); null for a single model
   * @param wrapped   per state variable: a wrapped angle (errors the short way round)
   * @param x0        start states, {@code n x S}
   * @param actions   actions, {@code horizon x n x A}
   * @param truth     true states after each step, {@code horizon x n x S}
   * @param n         starts
   * @param horizon   steps
   */
  public static Result evaluate(WorldModel mean, WorldModel members, boolean[] wrapped, List<String> stateNames,
      float[] x0, float[] actions, float[] truth, int n, int horizon) {
    int s = mean.stateSize();
    int a = mean.actionSize();
    if (mean.batch() != n) throw new IllegalArgumentException("the model is bound to " + mean.batch() + " rows, not " + n);
    int e = members != null ? members.members() : 1;
    if (members != null && members.batch() != e * n) {
      throw new IllegalArgumentException("the member model must be bound to E x n = " + e * n + " rows");
    }
    double[][] rmse = new double[horizon][s];
    double[][] cover1 = new double[horizon][s];
    double[][] cover2 = new double[horizon][s];
    double[][] spread = new double[horizon][s];
    double[] example = new double[horizon * s];
    double[] exampleTruth = new double[horizon * s];

    float[] x = x0.clone();
    float[] next = new float[n * s];
    float[] u = new float[n * a];
    float[] xm = null;
    float[] um = null;
    float[] nm = null;
    float[] out = null;
    if (members != null) {
      xm = new float[e * n * s];
      for (int m = 0; m < e; m++) System.arraycopy(x0, 0, xm, m * n * s, n * s);
      um = new float[e * n * a];
      nm = new float[e * n * s];
      out = new float[e * e * n * s];
    }
    for (int t = 0; t < horizon; t++) {
      System.arraycopy(actions, t * n * a, u, 0, n * a);
      mean.step(x, u, next, null);
      System.arraycopy(next, 0, x, 0, n * s);
      for (int i = 0; i < s; i++) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
          double d = error(x[r * s + i] - truth[(t * n + r) * s + i], wrapped[i]);
          sum += d * d;
        }
        rmse[t][i] = Math.sqrt(sum / n);
        example[t * s + i] = x[i];
        exampleTruth[t * s + i] = truth[t * n * s + i];
      }
      if (members == null) {
        for (int i = 0; i < s; i++) {
          cover1[t][i] = Double.NaN;
          cover2[t][i] = Double.NaN;
        }
        continue;
      }
      for (int m = 0; m < e; m++) System.arraycopy(u, 0, um, m * n * a, n * a);
      members.step(xm, um, nm, out);
      // Row block m follows member m: take member m's output for its own block.
      int plane = e * n * s;
      for (int m = 0; m < e; m++) System.arraycopy(out, m * plane + m * n * s, xm, m * n * s, n * s);
      for (int i = 0; i < s; i++) {
        int in1 = 0;
        int in2 = 0;
        double spreadSum = 0;
        for (int r = 0; r < n; r++) {
          double ref = xm[r * s + i];   // member 0, the reference for averaging angles the short way
          double mu = 0;
          for (int m = 0; m < e; m++) mu += error(xm[(m * n + r) * s + i] - ref, wrapped[i]);
          mu = ref + mu / e;
          double var = 0;
          for (int m = 0; m < e; m++) {
            double d = error(xm[(m * n + r) * s + i] - mu, wrapped[i]);
            var += d * d;
          }
          double sd = Math.sqrt(var / e);
          double err = Math.abs(error(truth[(t * n + r) * s + i] - mu, wrapped[i]));
          if (err <= sd) in1++;
          if (err <= 2 * sd) in2++;
          spreadSum += sd;
        }
        cover1[t][i] = (double) in1 / n;
        cover2[t][i] = (double) in2 / n;
        spread[t][i] = spreadSum / n;
      }
    }
    return new Result(List.copyOf(stateNames), horizon, n, rmse, cover1, cover2, spread, example, exampleTruth);
  }

  private static double error(double d, boolean wrapped) {
    return wrapped ? Angles.wrap(d) : d;
  }
}
