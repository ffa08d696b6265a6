package dev.foresight.runtime.learn.trainer;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.config.Angles;
import dev.foresight.models.world.AngleFeatures;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.WorldModelMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained ensemble: per member the layer weights ({@code in x out} row-major) and biases, the
 * normalization of input features and deltas, and how training went. Member {@code m} predicts
 * {@code next = wrap(state + deltaMean + deltaStd * net_m((f(state, action) - inputMean) / inputStd))}
 * with {@code f} the {@link AngleFeatures} (wrapped angles as sine and cosine); the ensemble
 * predicts the state plus the members' mean delta. This is exactly what {@link #export} puts inside
 * the ONNX graph, and the double-precision reference the exported files are checked against.
 *
 * @param stateNames  state variables, in order
 * @param actionNames action variables, in order
 * @param wrapped     per state variable: an angle wrapped to [-pi, pi)
 * @param hidden      hidden widths
 * @param weights     per member, per layer {@code in x out}
 * @param biases      per member, per layer {@code out}
 * @param inputMean   mean of each input feature
 * @param inputStd    standard deviation of each input feature (never 0)
 * @param deltaMean   mean of the state delta
 * @param deltaStd    standard deviation of the state delta (never 0)
 * @param members     training results per member
 */
public record TrainedEnsemble(List<String> stateNames, List<String> actionNames, boolean[] wrapped, int[] hidden,
    List<double[][]> weights, List<double[][]> biases, double[] inputMean, double[] inputStd, double[] deltaMean,
    double[] deltaStd, List<MemberResult> members) {

  /**
   * How one member trained.
   *
   * @param bestEpoch       epoch with the lowest validation loss (its weights are kept)
   * @param epochs          epochs run
   * @param trainLoss       normalized MSE on its bootstrap sample at the best epoch
   * @param validationLoss  normalized MSE on the held-out episodes at the best epoch
   */
  public record MemberResult(int bestEpoch, int epochs, double trainLoss, double validationLoss) {}

  /** The network's input features. */
  public AngleFeatures features() {
    return new AngleFeatures(wrapped, actionNames.size());
  }

  /** Member {@code m}'s predicted state delta (not wrapped) for one state and action. */
  public double[] delta(int m, double[] state, double[] action) {
    AngleFeatures f = features();
    double[] h = new double[f.width()];
    f.compute(state, 0, action, 0, h, 0);
    for (int i = 0; i < h.length; i++) h[i] = (h[i] - inputMean[i]) / inputStd[i];
    double[][] w = weights.get(m);
    double[][] b = biases.get(m);
    for (int l = 0; l < w.length; l++) {
      int in = h.length;
      int out = b[l].length;
      double[] y = b[l].clone();
      for (int i = 0; i < in; i++) for (int o = 0; o < out; o++) y[o] += h[i] * w[l][i * out + o];
      if (l + 1 < w.length) for (int o = 0; o < out; o++) y[o] = Network.silu(y[o]);
      h = y;
    }
    double[] delta = new double[stateNames.size()];
    for (int i = 0; i < delta.length; i++) delta[i] = deltaMean[i] + deltaStd[i] * h[i];
    return delta;
  }

  /** Member {@code m}'s next state for one state and action (double precision reference). */
  public double[] predict(int m, double[] state, double[] action) {
    return next(state, delta(m, state, action));
  }

  /** The ensemble's next state: the state plus the members' mean delta, angles wrapped. */
  public double[] predict(double[] state, double[] action) {
    double[] mean = new double[stateNames.size()];
    for (int m = 0; m < size(); m++) {
      double[] d = delta(m, state, action);
      for (int i = 0; i < mean.length; i++) mean[i] += d[i] / size();
    }
    return next(state, mean);
  }

  private double[] next(double[] state, double[] delta) {
    double[] next = new double[delta.length];
    for (int i = 0; i < next.length; i++) {
      next[i] = state[i] + delta[i];
      if (wrapped[i]) next[i] = Angles.wrap(next[i]);
    }
    return next;
  }

  /** Ensemble size. */
  public int size() {
    return weights.size();
  }

  /** The members as float32 MLPs (SiLU), in the features' compact input layout. */
  public List<Mlp> mlps() {
    List<Mlp> out = new ArrayList<>();
    for (int m = 0; m < size(); m++) {
      List<Mlp.Dense> layers = new ArrayList<>();
      double[][] w = weights.get(m);
      double[][] b = biases.get(m);
      for (int l = 0; l < w.length; l++) {
        int outputs = b[l].length;
        layers.add(new Mlp.Dense(w[l].length / outputs, outputs, floats(w[l]), floats(b[l])));
      }
      out.add(new Mlp(layers, Mlp.Activation.SILU));
    }
    return out;
  }

  /** The normalization as the export takes it. */
  public MlpExport.Normalization normalization() {
    return new MlpExport.Normalization(floats(inputMean), floats(inputStd), floats(deltaMean), floats(deltaStd));
  }

  /**
   * The ensemble as an ONNX world model meeting the contract.
   *
   * @param metadata     names (must be this ensemble's), time step, provenance
   * @param quantization fp32, or int8 (dynamically quantized products, or int8 weights)
   */
  public ModelProto export(WorldModelMetadata metadata, MlpExport.Quantization quantization) {
    if (!metadata.stateNames().equals(stateNames) || !metadata.actionNames().equals(actionNames)) {
      throw new IllegalArgumentException("metadata names " + metadata.stateNames() + " / " + metadata.actionNames()
          + " are not the ensemble's " + stateNames + " / " + actionNames);
    }
    return MlpExport.worldModel(mlps(), normalization(), metadata, quantization, features());
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
    return f;
  }
}
