package dev.foresight.runtime.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * System identification: the simulator parameters that best explain a recording. Least squares
 * over the windows of a {@link SimCompare} (every simulated state against the recorded one, each
 * variable in units of its spread), minimised by Nelder–Mead on the parameters' logarithms (values
 * that may be zero: on the value itself, kept non-negative by reflection), restarted from its best
 * point until a restart no longer improves it. The confidence is the linearised one: standard errors
 * from the residuals' Jacobian at the optimum ({@code s^2 (J^T J)^-1}); errors inside a window are
 * correlated, so it is a lower bound on the real uncertainty. A parameter the recording does not
 * determine (a singular or near-singular {@code J^T J}) has no standard error and is reported so.
 *
 * <pre>{@code
 * ParameterFit.Result r = ParameterFit.fit(compare, start, List.of("mass", "length"));
 * r.fitted().get("mass");   // 1.15
 * }</pre>
 */
public final class ParameterFit {

  private static final int MAX_EVALUATIONS = 4000;
  private static final int RESTARTS = 5;

  /**
   * One fitted parameter.
   *
   * @param name   its name
   * @param start  the value the fit started from
   * @param value  the fitted value
   * @param stderr its linearised standard error, NaN when the recording does not determine it
   */
  public record Estimate(String name, double start, double value, double stderr) {

    /** Whether the recording determines the value. */
    public boolean determined() {
      return Double.isFinite(stderr);
    }
  }

  /**
   * A fit's result.
   *
   * @param estimates   per parameter, in the order given
   * @param costBefore  mean squared scaled residual at the start
   * @param costAfter   mean squared scaled residual at the fitted values
   * @param evaluations simulations run
   * @param fitted      the fitted values (plant and actuator)
   */
  public record Result(List<Estimate> estimates, double costBefore, double costAfter, int evaluations,
      SimCompare.Values fitted) {}

  private ParameterFit() {}

  /**
   * Fits {@code names} starting from {@code start}.
   *
   * @throws ReplayException (one line) for an unknown or repeated name, or a recording with nothing to compare
   */
  public static Result fit(SimCompare compare, SimCompare.Values start, List<String> names) {
    List<String> fittable = compare.fittable();
    if (names.isEmpty()) throw new ReplayException("--fit: name the parameters to fit (" + String.join(", ", fittable) + ")");
    for (int i = 0; i < names.size(); i++) {
      if (!fittable.contains(names.get(i))) {
        throw new ReplayException("--fit: plant " + compare.plant() + " has no parameter '" + names.get(i)
            + "' (it has " + String.join(", ", fittable) + ")");
      }
      if (names.indexOf(names.get(i)) != i) throw new ReplayException("--fit: " + names.get(i) + " is named twice");
    }
    if (compare.residualCount() == 0) {
      throw new ReplayException(compare.run().file() + ": no window with finite states and actions to fit on");
    }
    int p = names.size();
    double[] p0 = new double[p];
    boolean[] log = new boolean[p];
    double[] step = new double[p];
    for (int i = 0; i < p; i++) {
      p0[i] = start.get(names.get(i));
      // Positive parameters are fitted on their logarithm (10% steps); ones that may be zero on the value.
      log[i] = p0[i] > 0 && !names.get(i).equals(SimCompare.ACTION_DELAY) && !zeroAllowed(compare, names.get(i));
      step[i] = log[i] ? 0.1 : p0[i] > 0 ? 0.1 * p0[i] : names.get(i).equals(SimCompare.ACTION_DELAY) ? 0.5 : 0.1;
    }
    int[] evaluations = new int[1];
    Objective f = z -> {
      evaluations[0]++;
      SimCompare.Values v;
      try {
        v = start.with(values(names, z, log));
      } catch (IllegalArgumentException e) {
        return Double.POSITIVE_INFINITY;   // outside the parameter's valid range
      }
      return meanSquare(compare.residuals(v));
    };
    double[] z = new double[p];
    for (int i = 0; i < p; i++) z[i] = log[i] ? Math.log(p0[i]) : p0[i];
    double before = f.at(z);
    double best = before;
    for (int round = 0; round < RESTARTS && evaluations[0] < MAX_EVALUATIONS; round++) {
      double[] next = nelderMead(f, z, step, MAX_EVALUATIONS - evaluations[0]);
      double cost = f.at(next);
      boolean better = cost < best * (1 - 1e-9);
      if (cost <= best) {
        z = next;
        best = cost;
      }
      if (!better && round > 0) break;
      for (int i = 0; i < p; i++) step[i] = log[i] ? 0.02 : Math.max(Math.abs(z[i]) * 0.02, 1e-3);
    }
    Map<String, Double> fittedValues = values(names, z, log);
    SimCompare.Values fitted = start.with(fittedValues);
    double[] stderr = standardErrors(compare, fitted, names);
    List<Estimate> estimates = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      estimates.add(new Estimate(names.get(i), p0[i], fittedValues.get(names.get(i)), stderr[i]));
    }
    return new Result(List.copyOf(estimates), before, best, evaluations[0], fitted);
  }

  private static boolean zeroAllowed(SimCompare compare, String name) {
    return compare.defaults().has(name) && compare.defaults().parameter(name).zeroAllowed();
  }

  private static Map<String, Double> values(List<String> names, double[] z, boolean[] log) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) v.put(names.get(i), log[i] ? Math.exp(z[i]) : Math.abs(z[i]));
    return v;
  }

  static double meanSquare(double[] r) {
    double s = 0;
    for (double e : r) s += e * e;
    return r.length > 0 ? s / r.length : 0;
  }

  /** Linearised standard errors at {@code at}: central differences for the Jacobian, s^2 (J^T J)^-1. */
  private static double[] standardErrors(SimCompare compare, SimCompare.Values at, List<String> names) {
    int p = names.size();
    int n = compare.residualCount();
    double[][] jac = new double[p][];
    for (int i = 0; i < p; i++) {
      String name = names.get(i);
      double v = at.get(name);
      double h = Math.max(Math.abs(v) * 1e-5, 1e-7);
      double lo = Math.max(v - h, zeroAllowed(compare, name) || name.equals(SimCompare.ACTION_DELAY) ? 0 : v * 0.5);
      double hi = v + h;
      double[] rHi = compare.residuals(at.with(Map.of(name, hi)));
      double[] rLo = compare.residuals(at.with(Map.of(name, lo)));
      jac[i] = new double[n];
      for (int k = 0; k < n; k++) jac[i][k] = (rHi[k] - rLo[k]) / (hi - lo);
    }
    double[] r = compare.residuals(at);
    double ssr = 0;
    for (double e : r) ssr += e * e;
    double s2 = n > p ? ssr / (n - p) : Double.NaN;
    double[][] jtj = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double sum = 0;
        for (int k = 0; k < n; k++) sum += jac[a][k] * jac[b][k];
        jtj[a][b] = sum;
      }
    }
    double[][] inv = invert(jtj);
    double[] se = new double[p];
    for (int i = 0; i < p; i++) se[i] = inv == null || !(inv[i][i] >= 0) ? Double.NaN : Math.sqrt(s2 * inv[i][i]);
    return se;
  }

  /**
   * The inverse of a symmetric positive semi-definite matrix, or null when it is (numerically)
   * singular: a pivot below 1e-10 of the largest diagonal element after scaling to unit diagonal.
   */
  static double[][] invert(double[][] m) {
    int p = m.length;
    double[] d = new double[p];
    for (int i = 0; i < p; i++) {
      if (!(m[i][i] > 0) || !Double.isFinite(m[i][i])) return null;
      d[i] = Math.sqrt(m[i][i]);
    }
    // Gauss-Jordan on the correlation-scaled matrix, so the singularity test is unit-free.
    double[][] a = new double[p][2 * p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) a[i][j] = m[i][j] / (d[i] * d[j]);
      a[i][p + i] = 1;
    }
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
      if (Math.abs(a[pivot][c]) < 1e-10) return null;
      double[] tmp = a[c];
      a[c] = a[pivot];
      a[pivot] = tmp;
      double div = a[c][c];
      for (int j = 0; j < 2 * p; j++) a[c][j] /= div;
      for (int r = 0; r < p; r++) {
        if (r == c) continue;
        double f = a[r][c];
        if (f == 0) continue;
        for (int j = 0; j < 2 * p; j++) a[r][j] -= f * a[c][j];
      }
    }
    double[][] inv = new double[p][p];
    for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) inv[i][j] = a[i][p + j] / (d[i] * d[j]);
    return inv;
  }

  /** A function to minimise. */
  interface Objective {
    double at(double[] z);
  }

  /**
   * Nelder–Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2) from {@code x0} with an
   * initial simplex of {@code step} along each axis; stops when the simplex's values agree to 1e-12
   * (relative) and its points to 1e-10, or after {@code budget} evaluations.
   */
  static double[] nelderMead(Objective f, double[] x0, double[] step, int budget) {
    int p = x0.length;
    double[][] x = new double[p + 1][];
    double[] fx = new double[p + 1];
    x[0] = x0.clone();
    fx[0] = f.at(x[0]);
    for (int i = 0; i < p; i++) {
      x[i + 1] = x0.clone();
      x[i + 1][i] += step[i];
      fx[i + 1] = f.at(x[i + 1]);
    }
    int used = p + 1;
    double[] centroid = new double[p];
    while (used < budget) {
      sort(x, fx);
      double spread = Math.abs(fx[p] - fx[0]);
      double size = 0;
      for (int i = 1; i <= p; i++) for (int j = 0; j < p; j++) size = Math.max(size, Math.abs(x[i][j] - x[0][j]));
      if ((spread <= 1e-12 * Math.abs(fx[0]) + 1e-300 && size <= 1e-6) || size <= 1e-10) break;
      java.util.Arrays.fill(centroid, 0);
      for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) centroid[j] += x[i][j] / p;
      double[] r = along(centroid, x[p], -1);
      double fr = f.at(r);
      used++;
      if (fr < fx[0]) {
        double[] e = along(centroid, x[p], -2);
        double fe = f.at(e);
        used++;
        if (fe < fr) {
          x[p] = e;
          fx[p] = fe;
        } else {
          x[p] = r;
          fx[p] = fr;
        }
      } else if (fr < fx[p - 1]) {
        x[p] = r;
        fx[p] = fr;
      } else {
        boolean outside = fr < fx[p];
        double[] c = outside ? along(centroid, x[p], -0.5) : along(centroid, x[p], 0.5);
        double fc = f.at(c);
        used++;
        if (fc < (outside ? fr : fx[p])) {
          x[p] = c;
          fx[p] = fc;
        } else {
          for (int i = 1; i <= p; i++) {
            for (int j = 0; j < p; j++) x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
            fx[i] = f.at(x[i]);
            used++;
          }
        }
      }
    }
    sort(x, fx);
    return x[0];
  }

  /** centroid + t (worst - centroid). */
  private static double[] along(double[] centroid, double[] worst, double t) {
    double[] y = new double[centroid.length];
    for (int j = 0; j < y.length; j++) y[j] = centroid[j] + t * (worst[j] - centroid[j]);
    return y;
  }

  private static void sort(double[][] x, double[] fx) {
    for (int i = 1; i < fx.length; i++) {
      for (int k = i; k > 0 && (fx[k] < fx[k - 1] || Double.isNaN(fx[k - 1])); k--) {
        double t = fx[k];
        fx[k] = fx[k - 1];
        fx[k - 1] = t;
        double[] y = x[k];
        x[k] = x[k - 1];
        x[k - 1] = y;
      }
    }
  }
}
