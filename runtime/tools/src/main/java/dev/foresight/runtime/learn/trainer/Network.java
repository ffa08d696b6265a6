package dev.foresight.runtime.learn.trainer;

import java.util.random.RandomGenerator;

/**
 * A dense network in double precision for training: {@code y = x W + b} per layer, SiLU between
 * layers, linear output. Weights are {@code in x out} row-major (the layout the ONNX export
 * writes). Forward and backward work on minibatches held in preallocated buffers.
 */
final class Network {

  final int[] sizes;
  final double[][] weight;
  final double[][] bias;
  final double[][] weightGrad;
  final double[][] biasGrad;
  /** Pre-activations and activations per layer for the current batch, sized for {@code maxBatch}. */
  private final double[][] pre;
  private final double[][] act;
  private final double[][] delta;
  private final int maxBatch;

  Network(int[] sizes, int maxBatch, RandomGenerator random) {
    this.sizes = sizes.clone();
    this.maxBatch = maxBatch;
    int layers = sizes.length - 1;
    weight = new double[layers][];
    bias = new double[layers][];
    weightGrad = new double[layers][];
    biasGrad = new double[layers][];
    pre = new double[layers][];
    act = new double[layers + 1][];
    delta = new double[layers][];
    act[0] = new double[maxBatch * sizes[0]];
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      // He-uniform for SiLU hidden layers; a smaller output layer starts predictions near the mean.
      double limit = (l + 1 < layers ? 1.0 : 0.1) * Math.sqrt(6.0 / in);
      weight[l] = new double[in * out];
      for (int i = 0; i < weight[l].length; i++) weight[l][i] = random.nextDouble(-limit, limit);
      bias[l] = new double[out];
      weightGrad[l] = new double[in * out];
      biasGrad[l] = new double[out];
      pre[l] = new double[maxBatch * out];
      act[l + 1] = new double[maxBatch * out];
      delta[l] = new double[maxBatch * out];
    }
  }

  int inputs() {
    return sizes[0];
  }

  int outputs() {
    return sizes[sizes.length - 1];
  }

  /** Runs {@code batch} rows of {@code x} (row-major) and returns the output buffer (valid until the next call). */
  double[] forward(double[] x, int batch) {
    if (batch > maxBatch) throw new IllegalArgumentException("batch " + batch + " > " + maxBatch);
    System.arraycopy(x, 0, act[0], 0, batch * sizes[0]);
    int layers = sizes.length - 1;
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] w = weight[l];
      double[] b = bias[l];
      double[] input = act[l];
      double[] z = pre[l];
      double[] y = act[l + 1];
      boolean hidden = l + 1 < layers;
      for (int r = 0; r < batch; r++) {
        int zr = r * out;
        System.arraycopy(b, 0, z, zr, out);
        int xr = r * in;
        for (int i = 0; i < in; i++) {
          double xi = input[xr + i];
          if (xi == 0) continue;
          int wr = i * out;
          for (int o = 0; o < out; o++) z[zr + o] += xi * w[wr + o];
        }
        for (int o = 0; o < out; o++) y[zr + o] = hidden ? silu(z[zr + o]) : z[zr + o];
      }
    }
    return act[layers];
  }

  /**
   * Backpropagates {@code outputGrad} (dLoss/dOutput for the last forward batch) and sets the
   * weight and bias gradients (summed over the batch).
   */
  void backward(double[] outputGrad, int batch) {
    int layers = sizes.length - 1;
    System.arraycopy(outputGrad, 0, delta[layers - 1], 0, batch * outputs());
    for (int l = layers - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] d = delta[l];
      double[] input = act[l];
      double[] wg = weightGrad[l];
      double[] bg = biasGrad[l];
      java.util.Arrays.fill(wg, 0);
      java.util.Arrays.fill(bg, 0);
      for (int r = 0; r < batch; r++) {
        int dr = r * out;
        int xr = r * in;
        for (int o = 0; o < out; o++) bg[o] += d[dr + o];
        for (int i = 0; i < in; i++) {
          double xi = input[xr + i];
          if (xi == 0) continue;
          int wr = i * out;
          for (int o = 0; o < out; o++) wg[wr + o] += xi * d[dr + o];
        }
      }
      if (l == 0) break;
      // delta of the layer below: (d W^T) * silu'(z)
      double[] below = delta[l - 1];
      double[] z = pre[l - 1];
      double[] w = weight[l];
      for (int r = 0; r < batch; r++) {
        int dr = r * out;
        int br = r * in;
        for (int i = 0; i < in; i++) {
          int wr = i * out;
          double sum = 0;
          for (int o = 0; o < out; o++) sum += d[dr + o] * w[wr + o];
          below[br + i] = sum * siluDerivative(z[br + i]);
        }
      }
    }
  }

  static double silu(double v) {
    return v / (1 + Math.exp(-v));
  }

  static double siluDerivative(double v) {
    double s = 1 / (1 + Math.exp(-v));
    return s * (1 + v * (1 - s));
  }

  /** A deep copy of the parameters (weights then biases, per layer). */
  double[][] snapshot() {
    int layers = sizes.length - 1;
    double[][] out = new double[2 * layers][];
    for (int l = 0; l < layers; l++) {
      out[2 * l] = weight[l].clone();
      out[2 * l + 1] = bias[l].clone();
    }
    return out;
  }

  void restore(double[][] parameters) {
    for (int l = 0; l < sizes.length - 1; l++) {
      System.arraycopy(parameters[2 * l], 0, weight[l], 0, weight[l].length);
      System.arraycopy(parameters[2 * l + 1], 0, bias[l], 0, bias[l].length);
    }
  }
}
