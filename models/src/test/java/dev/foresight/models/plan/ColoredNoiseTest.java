package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ColoredNoiseTest {

  static final int H = 16;
  static final int W = 20_000;

  /** Variance at each step and correlation between neighbouring steps, over all channels. */
  static double[] stats(double beta) {
    float[] x = new float[H * W];
    new ColoredNoise(H, W, beta, 3).fill(x);
    double var = 0;
    double cov = 0;
    for (int c = 0; c < W; c++) {
      var += x[5 * W + c] * x[5 * W + c];
      cov += x[5 * W + c] * x[6 * W + c];
    }
    return new double[] {var / W, cov / var};
  }

  @Test
  void hasUnitVarianceAndGetsSmootherAsBetaGrows() {
    double[] white = stats(0);
    double[] pink = stats(1);
    double[] red = stats(2);
    assertThat(white[0]).isCloseTo(1, Offset.offset(0.05));
    assertThat(pink[0]).isCloseTo(1, Offset.offset(0.05));
    assertThat(red[0]).isCloseTo(1, Offset.offset(0.05));
    assertThat(white[1]).isCloseTo(0, Offset.offset(0.03));
    assertThat(pink[1]).isGreaterThan(white[1] + 0.2);
    assertThat(red[1]).isGreaterThan(pink[1] + 0.1).isLessThan(1.0);
  }

  @Test
  void isTheSameForTheSameSeed() {
    float[] a = new float[H * 8];
    float[] b = new float[H * 8];
    new ColoredNoise(H, 8, 2, 9).fill(a);
    new ColoredNoise(H, 8, 2, 9).fill(b);
    assertThat(a).containsExactly(b);
  }
}
