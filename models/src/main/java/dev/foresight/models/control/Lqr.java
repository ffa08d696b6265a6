package dev.foresight.models.control;

/**
 * Discrete-time LQR gain for small systems, by iterating the Riccati recursion to convergence.
 * Sizes here are a handful of states, so plain arrays beat a linear-algebra dependency.
 */
public final class Lqr {

  private Lqr() {}

  /**
   * The gain K (m x n) minimizing sum(x'Qx + u'Ru) for x' = Ax + Bu, so that u = -Kx.
   *
   * @throws IllegalArgumentException when the recursion does not converge (e.g. not stabilizable)
   */
  public static double[][] gain(double[][] a, double[][] b, double[][] q, double[][] r) {
    int n = a.length;
    int m = b[0].length;
    double[][] p = copy(q);
    double[][] k = new double[m][n];
    for (int iteration = 0; iteration < 100_000; iteration++) {
      double[][] bt = transpose(b);
      double[][] btp = multiply(bt, p);
      double[][] s = add(r, multiply(btp, b));
      double[][] kNext = multiply(invert(s), multiply(btp, a));
      // P = Q + A'P(A - BK)
      double[][] pNext = add(q, multiply(multiply(transpose(a), p), subtract(a, multiply(b, kNext))));
      double change = maxAbsDifference(pNext, p);
      p = pNext;
      k = kNext;
      if (change < 1e-12 * (1 + maxAbs(p))) return k;
    }
    throw new IllegalArgumentException("the Riccati recursion did not converge; is (A, B) stabilizable?");
  }

  static double[][] multiply(double[][] x, double[][] y) {
    double[][] out = new double[x.length][y[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y[0].length; j++) {
        double sum = 0;
        for (int k = 0; k < y.length; k++) sum += x[i][k] * y[k][j];
        out[i][j] = sum;
      }
    }
    return out;
  }

  private static double[][] add(double[][] x, double[][] y) {
    double[][] out = new double[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) out[i][j] = x[i][j] + y[i][j];
    return out;
  }

  private static double[][] subtract(double[][] x, double[][] y) {
    double[][] out = new double[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) out[i][j] = x[i][j] - y[i][j];
    return out;
  }

  private static double[][] transpose(double[][] x) {
    double[][] out = new double[x[0].length][x.length];
    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) out[j][i] = x[i][j];
    return out;
  }

  private static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) out[i] = x[i].clone();
    return out;
  }

  /** Gauss-Jordan inverse with partial pivoting. */
  static double[][] invert(double[][] x) {
    int n = x.length;
    double[][] work = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, work[i], 0, n);
      work[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) if (Math.abs(work[row][col]) > Math.abs(work[pivot][col])) pivot = row;
      if (Math.abs(work[pivot][col]) < 1e-300) throw new IllegalArgumentException("singular matrix");
      double[] swap = work[col];
      work[col] = work[pivot];
      work[pivot] = swap;
      double scale = work[col][col];
      for (int j = 0; j < 2 * n; j++) work[col][j] /= scale;
      for (int row = 0; row < n; row++) {
        if (row == col) continue;
        double f = work[row][col];
        for (int j = 0; j < 2 * n; j++) work[row][j] -= f * work[col][j];
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) System.arraycopy(work[i], n, out[i], 0, n);
    return out;
  }

  private static double maxAbsDifference(double[][] x, double[][] y) {
    double max = 0;
    for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) max = Math.max(max, Math.abs(x[i][j] - y[i][j]));
    return max;
  }

  private static double maxAbs(double[][] x) {
    double max = 0;
    for (double[] row : x) for (double v : row) max = Math.max(max, Math.abs(v));
    return max;
  }
}
