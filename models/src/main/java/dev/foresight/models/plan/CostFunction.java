package dev.foresight.models.plan;

import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.ActionCost;
import dev.foresight.config.control.ActionRateCost;
import dev.foresight.config.control.CostTermConfig;
import dev.foresight.config.control.DisagreementCost;
import dev.foresight.config.control.SoftBoundCost;
import dev.foresight.config.control.TrackCost;
import dev.foresight.models.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * A planner's cost: the sum of small terms built from the config's {@code cost} list. Terms of
 * one type merge into one vectorized term (two {@code track} entries become one term weighing two
 * variables), so the cost is a handful of array passes per step, or a handful of operators in the
 * fused graph, however many entries the config lists.
 *
 * <pre>{@code
 * CostFunction cost = CostFunction.of(plannerConfig.cost(), robotConfig);
 * cost.stage(k, next, action, previous, null, costs);   // once per step
 * cost.terminal(k, last, costs);                        // once at the horizon's end
 * }</pre>
 */
public final class CostFunction {

  private final int stateSize;
  private final int actionSize;
  private final List<CostTerm> terms;

  private CostFunction(int stateSize, int actionSize, List<CostTerm> terms) {
    this.stateSize = stateSize;
    this.actionSize = actionSize;
    this.terms = List.copyOf(terms);
  }

  /** Builds the cost from validated config terms on the robot's variables. */
  public static CostFunction of(List<CostTermConfig> config, RobotConfig robot) {
    int s = robot.state().size();
    int a = robot.action().size();
    boolean[] wrapped = new boolean[s];
    for (int i = 0; i < s; i++) wrapped[i] = robot.state().get(i).wrap();
    float[] trackTarget = new float[s];
    float[] trackWeight = new float[s];
    float[] terminalWeight = new float[s];
    float[] effortTarget = new float[a];
    float[] effortWeight = new float[a];
    float[] rateWeight = new float[a];
    float[][] stateBound = unbounded(s);
    float[][] actionBound = unbounded(a);
    float disagreement = 0;
    boolean track = false, terminal = false, effort = false, rate = false, boundState = false, boundAction = false;
    for (CostTermConfig term : config) {
      switch (term) {
        case TrackCost t -> {
          int i = robot.stateIndex(t.variable());
          trackTarget[i] = t.target().floatValue();
          trackWeight[i] += t.weight().floatValue();
          terminalWeight[i] += t.terminalWeight().floatValue();
          track |= t.weight() > 0;
          terminal |= t.terminalWeight() > 0;
        }
        case ActionCost c -> {
          int j = robot.actionIndex(c.variable());
          effortTarget[j] = c.target().floatValue();
          effortWeight[j] += c.weight().floatValue();
          effort = true;
        }
        case ActionRateCost r -> {
          rateWeight[robot.actionIndex(r.variable())] += r.weight().floatValue();
          rate = true;
        }
        case SoftBoundCost b -> {
          int i = robot.stateIndex(b.variable());
          float[][] bound = i >= 0 ? stateBound : actionBound;
          int index = i >= 0 ? i : robot.actionIndex(b.variable());
          bound[0][index] = finite(b.min());
          bound[1][index] = finite(b.max());
          bound[2][index] += b.weight().floatValue();
          if (i >= 0) boundState = true;
          else boundAction = true;
        }
        case DisagreementCost d -> disagreement += d.weight().floatValue();
      }
    }
    List<CostTerm> terms = new ArrayList<>();
    if (track) terms.add(new CostTerms.Tracking(trackTarget, trackWeight, wrapped, false));
    if (terminal) terms.add(new CostTerms.Tracking(trackTarget.clone(), terminalWeight, wrapped.clone(), true));
    if (effort) terms.add(new CostTerms.Effort(effortTarget, effortWeight));
    if (rate) terms.add(new CostTerms.Rate(rateWeight));
    if (boundState) terms.add(new CostTerms.Bound(stateBound[0], stateBound[1], stateBound[2], true));
    if (boundAction) terms.add(new CostTerms.Bound(actionBound[0], actionBound[1], actionBound[2], false));
    if (disagreement > 0) terms.add(new CostTerms.Disagreement(disagreement, s));
    return new CostFunction(s, a, terms);
  }

  private static float[][] unbounded(int n) {
    float[][] b = new float[3][n];
    java.util.Arrays.fill(b[0], -Float.MAX_VALUE);
    java.util.Arrays.fill(b[1], Float.MAX_VALUE);
    return b;
  }

  private static float finite(double v) {
    return (float) Math.clamp(v, -Float.MAX_VALUE, Float.MAX_VALUE);
  }

  /** State variables the cost reads. */
  public int stateSize() {
    return stateSize;
  }

  /** Action variables the cost reads. */
  public int actionSize() {
    return actionSize;
  }

  /** Whether a term needs the ensemble's per-step variance. */
  public boolean needsVariance() {
    return terms.stream().anyMatch(CostTerm::needsVariance);
  }

  /** Adds every term's cost for one step into {@code cost}. Allocation-free. */
  public void stage(int samples, float[] next, float[] action, float[] previous, float[] variance, float[] cost) {
    for (int i = 0; i < terms.size(); i++) terms.get(i).stage(samples, next, action, previous, variance, cost);
  }

  /** Adds every term's cost on the last state into {@code cost}. Allocation-free. */
  public void terminal(int samples, float[] last, float[] cost) {
    for (int i = 0; i < terms.size(); i++) terms.get(i).terminal(samples, last, cost);
  }

  /** The summed stage cost as a {@code [1, rows]} tensor from variable-major stacks, or null when no term has one. */
  String stageGraph(OnnxGraph g, String states, String actions, String previous, String variance) {
    String sum = null;
    for (CostTerm t : terms) {
      String c = t.stageGraph(g, states, actions, previous, variance);
      if (c != null) sum = sum == null ? c : g.node("Add", sum, c);
    }
    return sum;
  }

  /** The summed terminal cost as a {@code [1, K]} tensor from {@code last [S, K]}, or null when no term has one. */
  String terminalGraph(OnnxGraph g, String last) {
    String sum = null;
    for (CostTerm t : terms) {
      String c = t.terminalGraph(g, last);
      if (c != null) sum = sum == null ? c : g.node("Add", sum, c);
    }
    return sum;
  }

}
