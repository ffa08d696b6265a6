package dev.foresight.models.plan;

import dev.foresight.models.onnx.OnnxGraph;

/** The cost terms, each vectorized over the variables it weighs (zero weight: not weighed). */
final class CostTerms {

  static final float TWO_PI = (float) (2 * Math.PI);
  static final float INV_TWO_PI = (float) (1 / (2 * Math.PI));

  private CostTerms() {}

  /** The shortest signed angle for {@code e}, as ONNX computes it: e - 2 pi round(e / 2 pi), round half to even. */
  static float wrap(float e) {
    return e - TWO_PI * (float) Math.rint(e * INV_TWO_PI);
  }

  /** Quadratic tracking of state variables, per step or on the last state. */
  record Tracking(float[] target, float[] weight, boolean[] wrapped, boolean terminal) implements CostTerm {

    private float cost(float[] x, int row) {
      int s = target.length;
      float sum = 0;
      for (int i = 0; i < s; i++) {
        if (weight[i] == 0) continue;
        float e = x[row * s + i] - target[i];
        if (wrapped[i]) e = wrap(e);
        sum += weight[i] * (e * e);
      }
      return sum;
    }

    @Override
    public void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost) {
      if (terminal) return;
      for (int k = 0; k < samples; k++) cost[k] += cost(next, k);
    }

    @Override
    public void terminal(int samples, float[] last, float[] cost) {
      if (!terminal) return;
      for (int k = 0; k < samples; k++) cost[k] += cost(last, k);
    }

    private String graph(OnnxGraph g, String x) {
      int s = target.length;
      String e = g.node("Sub", x, g.initializer("track_target", target, s, 1));
      boolean any = false;
      float[] period = new float[s];
      for (int i = 0; i < s; i++) {
        if (wrapped[i]) {
          period[i] = TWO_PI;
          any = true;
        }
      }
      if (any) {
        String turns = g.node("Round", g.node("Mul", e, g.scalar("inv_two_pi", INV_TWO_PI)));
        e = g.node("Sub", e, g.node("Mul", turns, g.initializer("wrap_period", period, s, 1)));
      }
      return g.node("MatMul", g.initializer("track_weight", weight, 1, s), g.node("Mul", e, e));
    }

    @Override
    public String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance) {
      return terminal ? null : graph(g, states);
    }

    @Override
    public String terminalGraph(OnnxGraph g, String last) {
      return terminal ? graph(g, last) : null;
    }
  }

  /** Quadratic action penalty. */
  record Effort(float[] target, float[] weight) implements CostTerm {

    @Override
    public void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost) {
      int a = target.length;
      for (int k = 0; k < samples; k++) {
        float sum = 0;
        for (int j = 0; j < a; j++) {
          float e = action[k * a + j] - target[j];
          sum += weight[j] * (e * e);
        }
        cost[k] += sum;
      }
    }

    @Override
    public String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance) {
      int a = target.length;
      String e = g.node("Sub", actions, g.initializer("effort_target", target, a, 1));
      return g.node("MatMul", g.initializer("effort_weight", weight, 1, a), g.node("Mul", e, e));
    }
  }

  /** Quadratic penalty on the change of action between steps. */
  record Rate(float[] weight) implements CostTerm {

    @Override
    public void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost) {
      int a = weight.length;
      for (int k = 0; k < samples; k++) {
        float sum = 0;
        for (int j = 0; j < a; j++) {
          float e = action[k * a + j] - previous[k * a + j];
          sum += weight[j] * (e * e);
        }
        cost[k] += sum;
      }
    }

    @Override
    public String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance) {
      String e = g.node("Sub", actions, previous);
      return g.node("MatMul", g.initializer("rate_weight", weight, 1, weight.length), g.node("Mul", e, e));
    }
  }

  /**
   * Exterior quadratic barrier outside [min, max] on state variables ({@code onState}) or action
   * variables. Unbounded sides use +-Float.MAX_VALUE, whose violation is always 0.
   */
  record Bound(float[] min, float[] max, float[] weight, boolean onState) implements CostTerm {

    @Override
    public void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost) {
      float[] x = onState ? next : action;
      int n = min.length;
      for (int k = 0; k < samples; k++) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
          if (weight[i] == 0) continue;
          float v = x[k * n + i];
          float below = Math.max(0f, min[i] - v);
          float above = Math.max(0f, v - max[i]);
          sum += weight[i] * (below * below + above * above);
        }
        cost[k] += sum;
      }
    }

    @Override
    public String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance) {
      String x = onState ? states : actions;
      int n = min.length;
      String below = g.node("Relu", g.node("Sub", g.initializer("bound_min", min, n, 1), x));
      String above = g.node("Relu", g.node("Sub", x, g.initializer("bound_max", max, n, 1)));
      String sq = g.node("Add", g.node("Mul", below, below), g.node("Mul", above, above));
      return g.node("MatMul", g.initializer("bound_weight", weight, 1, n), sq);
    }
  }

  /** Penalty on ensemble disagreement: weight times the summed variance of the members' predictions. */
  record Disagreement(float weight, int stateSize) implements CostTerm {

    @Override
    public void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost) {
      if (variance == null) return;
      for (int k = 0; k < samples; k++) {
        float sum = 0;
        for (int i = 0; i < stateSize; i++) sum += variance[k * stateSize + i];
        cost[k] += weight * sum;
      }
    }

    @Override
    public String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance) {
      if (variance == null) return null;
      float[] w = new float[stateSize];
      java.util.Arrays.fill(w, weight);
      return g.node("MatMul", g.initializer("disagreement_weight", w, 1, stateSize), variance);
    }

    @Override
    public boolean needsVariance() {
      return true;
    }
  }
}
