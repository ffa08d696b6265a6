package dev.foresight.models.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron: dense layers with an activation between them (none after the last).
 * The weights the ONNX export writes ({@link MlpExport}) and the reference forward pass tests
 * compare ONNX Runtime against.
 *
 * @param layers     dense layers, input first
 * @param activation activation after every layer but the last
 */
public record Mlp(List<Dense> layers, Activation activation) {

  public Mlp {
    layers = List.copyOf(layers);
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).in() != layers.get(i - 1).out()) {
        throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).in() + " inputs but layer "
            + (i - 1) + " gives " + layers.get(i - 1).out());
      }
    }
  }

  /**
   * A dense layer {@code y = x W + b}.
   *
   * @param in     inputs
   * @param out    outputs
   * @param weight W, {@code in x out} row-major
   * @param bias   b, {@code out}
   */
  public record Dense(int in, int out, float[] weight, float[] bias) {
    public Dense {
      if (weight.length != in * out || bias.length != out) {
        throw new IllegalArgumentException("a " + in + "x" + out + " layer needs " + in * out + " weights and " + out
            + " biases, got " + weight.length + " and " + bias.length);
      }
    }
  }

  /** Activations the export writes as ONNX operators. */
  public enum Activation {
    /** max(0, x): Relu, which ONNX Runtime fuses into the matrix product. */
    RELU,
    /** tanh(x). */
    TANH,
    /** x sigmoid(x) (swish), as PETS-style models use. */
    SILU
  }

  /**
   * Randomly initialized (He-uniform scaled by {@code gain}, zero biases), for tests, benchmarks and
   * as a training start.
   *
   * @param sizes input, hidden..., output widths, e.g. {3, 64, 64, 2}
   */
  public static Mlp random(int[] sizes, Activation activation, long seed, double gain) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Dense> layers = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double limit = gain * Math.sqrt(6.0 / in);
      float[] w = new float[in * out];
      for (int i = 0; i < w.length; i++) w[i] = (float) random.nextDouble(-limit, limit);
      layers.add(new Dense(in, out, w, new float[out]));
    }
    return new Mlp(layers, activation);
  }

  /** Inputs. */
  public int inputs() {
    return layers.getFirst().in();
  }

  /** Outputs. */
  public int outputs() {
    return layers.getLast().out();
  }

  /** The forward pass for one input, in double precision (the reference for export checks). */
  public double[] forward(double[] x) {
    double[] h = x;
    for (int l = 0; l < layers.size(); l++) {
      Dense d = layers.get(l);
      double[] y = new double[d.out()];
      for (int o = 0; o < d.out(); o++) {
        double sum = d.bias()[o];
        for (int i = 0; i < d.in(); i++) sum += h[i] * d.weight()[i * d.out() + o];
        y[o] = l + 1 < layers.size() ? activate(sum) : sum;
      }
      h = y;
    }
    return h;
  }

  private double activate(double v) {
    return switch (activation) {
      case RELU -> Math.max(0, v);
      case TANH -> Math.tanh(v);
      case SILU -> v / (1 + Math.exp(-v));
    };
  }
}
