package dev.foresight.runtime.learn.trainer;

/**
 * Adam (Kingma and Ba, 2015) with decoupled weight decay (AdamW, Loshchilov and Hutter, 2019)
 * over a network's parameter arrays.
 */
final class Adam {

  private double learningRate;
  private final double weightDecay;
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double epsilon = 1e-8;
  private final double[][] m;
  private final double[][] v;
  private long step;

  Adam(Network network, double learningRate, double weightDecay) {
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    int layers = network.weight.length;
    m = new double[2 * layers][];
    v = new double[2 * layers][];
    for (int l = 0; l < layers; l++) {
      m[2 * l] = new double[network.weight[l].length];
      v[2 * l] = new double[network.weight[l].length];
      m[2 * l + 1] = new double[network.bias[l].length];
      v[2 * l + 1] = new double[network.bias[l].length];
    }
  }

  /** Changes the step size (learning-rate schedules). */
  void learningRate(double rate) {
    learningRate = rate;
  }

  double learningRate() {
    return learningRate;
  }

  /** Applies one update with the gradients scaled by {@code gradScale} (e.g. 1 / batch). */
  void update(Network network, double gradScale) {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    for (int l = 0; l < network.weight.length; l++) {
      apply(network.weight[l], network.weightGrad[l], m[2 * l], v[2 * l], gradScale, correction1, correction2, true);
      apply(network.bias[l], network.biasGrad[l], m[2 * l + 1], v[2 * l + 1], gradScale, correction1, correction2,
          false);
    }
  }

  private void apply(double[] p, double[] g, double[] m1, double[] m2, double scale, double c1, double c2,
      boolean decay) {
    for (int i = 0; i < p.length; i++) {
      double grad = g[i] * scale;
      m1[i] = beta1 * m1[i] + (1 - beta1) * grad;
      m2[i] = beta2 * m2[i] + (1 - beta2) * grad * grad;
      double update = (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + epsilon);
      if (decay) update += weightDecay * p[i];
      p[i] -= learningRate * update;
    }
  }
}
