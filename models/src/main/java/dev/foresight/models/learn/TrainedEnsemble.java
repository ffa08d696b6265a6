package dev.foresight.models.learn;

import java.util.List;

/**
 * A trained ensemble: per member the layer weights ({@code in x out} row-major) and biases, the
 * normalization of inputs and deltas, and how training went. Predicts
 * {@code next = state + deltaMean + deltaStd * net((x - inputMean) / inputStd)} with
 * {@code x = [state, action]} — exactly what the ONNX export puts inside the graph.
 *
 * @param stateNames  state variables, in order
 * @param actionNames action variables, in order
 * @param hidden      hidden widths
 * @param weights     per member, per layer {@code in x out}
 * @param biases      per member, per layer {@code out}
 * @param inputMean   mean of {@code [state, action]}
 * @param inputStd    standard deviation of {@code [state, action]} (never 0)
 * @param deltaMean   mean of the state delta
 * @param deltaStd    standard deviation of the state delta (never 0)
 * @param members     training results per member
 */
public record TrainedEnsemble(List<String> stateNames, List<String> actionNames, int[] hidden,
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

  /** Predicts the next state of member {@code m} for one state and action (double precision reference). */
  public double[] predict(int m, double[] state, double[] action) {
    int s = stateNames.size();
    double[] h = new double[s + actionNames.size()];
    for (int i = 0; i < s; i++) h[i] = (state[i] - inputMean[i]) / inputStd[i];
    for (int i = 0; i < actionNames.size(); i++) h[s + i] = (action[i] - inputMean[s + i]) / inputStd[s + i];
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
    double[] next = new double[s];
    for (int i = 0; i < s; i++) next[i] = state[i] + deltaMean[i] + deltaStd[i] * h[i];
    return next;
  }

  /** Ensemble size. */
  public int size() {
    return weights.size();
  }
}
