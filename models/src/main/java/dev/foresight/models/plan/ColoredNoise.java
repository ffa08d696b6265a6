package dev.foresight.models.plan;

import java.util.SplittableRandom;

/**
 * Unit-variance Gaussian noise over time with power spectrum {@code 1/f^beta} (0 white, 1 pink, 2
 * red), as iCEM samples it: smooth action sequences explore far better than white noise on
 * physical systems. Each of {@code width} independent channels (samples x actions) gets a
 * sequence of {@code horizon} steps.
 *
 * <p>How: the stationary autocovariance of a 1/f^beta process (inverse Fourier transform of the
 * spectrum over a window of 4H steps, DC excluded) fills an H x H Toeplitz covariance; its
 * Cholesky factor L turns white noise w into colored x = L w. Time-major layout makes each step a
 * sum of vectorizable axpy passes over all channels. Seeded, allocation-free once built.
 */
public final class ColoredNoise {

  private final int horizon;
  private final int width;
  private final float[] factor;
  private final boolean white;
  private final float[] gaussian;
  private final SplittableRandom random;

  /**
   * @param horizon steps per sequence
   * @param width   channels per step (samples x actions)
   * @param beta    spectrum exponent, 0..4
   * @param seed    random seed
   */
  public ColoredNoise(int horizon, int width, double beta, long seed) {
    this.horizon = horizon;
    this.width = width;
    this.white = beta == 0 || horizon == 1;
    this.factor = white ? new float[0] : cholesky(covariance(horizon, beta), horizon);
    this.gaussian = white ? new float[0] : new float[horizon * width];
    this.random = new SplittableRandom(seed);
  }

  /** Autocovariance-based Toeplitz matrix of 1/f^beta noise, unit variance. */
  static double[] covariance(int h, double beta) {
    int n = 4 * h;
    double[] c = new double[h];
    for (int tau = 0; tau < h; tau++) {
      double sum = 0;
      for (int j = 1; j <= n / 2; j++) {
        double f = (double) j / n;
        sum += Math.pow(f, -beta) * Math.cos(2 * Math.PI * f * tau);
      }
      c[tau] = sum;
    }
    double[] cov = new double[h * h];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) cov[i * h + j] = c[Math.abs(i - j)] / c[0];
    }
    return cov;
  }

  /** Lower Cholesky factor, row-major; a little jitter keeps near-singular spectra factorable. */
  static float[] cholesky(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i * n + j] + (i == j ? 1e-6 : 0);
        for (int p = 0; p < j; p++) sum -= l[i * n + p] * l[j * n + p];
        l[i * n + j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * n + j];
      }
    }
    float[] f = new float[n * n];
    for (int i = 0; i < f.length; i++) f[i] = (float) l[i];
    return f;
  }

  /** Fills {@code out[t * width + c]} with colored noise for every channel c and step t. */
  public void fill(float[] out) {
    float[] w = white ? out : gaussian;
    int n = horizon * width;
    for (int i = 0; i < n; i++) w[i] = (float) random.nextGaussian();
    if (white) return;
    for (int t = 0; t < horizon; t++) {
      int row = t * width;
      float diagonal = factor[t * horizon + t];
      for (int c = 0; c < width; c++) out[row + c] = diagonal * w[row + c];
      for (int j = 0; j < t; j++) {
        float l = factor[t * horizon + j];
        int from = j * width;
        for (int c = 0; c < width; c++) out[row + c] += l * w[from + c];
      }
    }
  }
}
