package dev.foresight.models.plan;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.foresight.models.onnx.OnnxGraph;
import dev.foresight.models.world.WorldModelContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the fused rollout model: the world model's graph inlined H times (weights shared), the
 * cost terms on the stacked states and actions, and the optional value model on the last state,
 * so one ONNX Runtime call evaluates all K sequences over the whole horizon.
 *
 * <pre>
 *   inputs:  state [K, S], last_action [1, A], actions [H, K, A]
 *   output:  cost [K]
 * </pre>
 * Only operators stable across opsets 11+ are added (Gather, Concat, Reshape, Slice, Expand,
 * Transpose, MatMul, Add/Sub/Mul, Relu, Round), so the world model keeps its own opset.
 */
final class FusedRolloutGraph {

  static final String STATE = "state";
  static final String LAST_ACTION = "last_action";
  static final String ACTIONS = "actions";
  static final String COST = "cost";
  private static final int MIN_OPSET = 11;

  private FusedRolloutGraph() {}

  /**
   * @throws UnsupportedOperationException when this model cannot be fused (too old an opset,
   *     control-flow subgraphs, mismatched opsets between world and value model)
   */
  static ModelProto build(ModelProto world, ModelProto value, CostFunction cost, int horizon, int samples,
      double valueWeight) {
    return build(world, value, cost, horizon, samples, valueWeight, true);
  }

  /** As above; with {@code followMembers} false every sample follows an ensemble's mean ({@code next_state}). */
  static ModelProto build(ModelProto world, ModelProto value, CostFunction cost, int horizon, int samples,
      double valueWeight, boolean followMembers) {
    long opset = defaultOpset(world);
    if (opset < MIN_OPSET) {
      throw new UnsupportedOperationException("the world model uses opset " + opset + "; fusing needs " + MIN_OPSET + "+");
    }
    if (value != null && defaultOpset(value) != opset) {
      throw new UnsupportedOperationException("world model (opset " + opset + ") and value model (opset "
          + defaultOpset(value) + ") differ");
    }
    noSubgraphs(world.getGraph());
    if (value != null) noSubgraphs(value.getGraph());
    int s = width(world.getGraph(), WorldModelContract.STATE);
    int a = width(world.getGraph(), WorldModelContract.ACTION);
    int e = members(world.getGraph());
    int k = samples;
    int h = horizon;

    OnnxGraph g = new OnnxGraph("foresight_fused_rollout");
    String x = g.input(STATE, OnnxGraph.FLOAT, (long) k, (long) s);
    String last = g.input(LAST_ACTION, OnnxGraph.FLOAT, 1L, (long) a);
    String actions = g.input(ACTIONS, OnnxGraph.FLOAT, (long) h, (long) k, (long) a);
    Map<String, String> worldWeights = initializers(g, world.getGraph(), "w");

    String memberRows = null;
    String memberPlane = null;
    String meanRow = null;
    if (e > 1) {
      long[] rows = new long[k];
      for (int i = 0; i < k; i++) rows[i] = (long) (i % e) * k + i;   // sample i follows member i mod E
      memberRows = g.initializer("member_rows", rows, k);
      memberPlane = g.longs("member_plane", (long) e * k, s);
      float[] mean = new float[e];
      java.util.Arrays.fill(mean, 1f / e);
      meanRow = g.initializer("member_mean", mean, 1, e);
    }
    List<String> nexts = new ArrayList<>();
    List<String> variances = new ArrayList<>();
    for (int t = 0; t < h; t++) {
      String step = g.node("Gather", actions, g.initializer("t", new long[] {t}));
      Map<String, String> out = inline(g, world.getGraph(), Map.of(WorldModelContract.STATE, x,
          WorldModelContract.ACTION, step), worldWeights, "s" + t + "_");
      String next;
      if (e > 1) {
        String m = out.get(WorldModelContract.MEMBERS);
        next = followMembers ? g.node("Gather", g.node("Reshape", m, memberPlane), memberRows)
            : out.get(WorldModelContract.NEXT_STATE);
        if (cost.needsVariance()) variances.add(variance(g, m, meanRow, e, k, s));
      } else {
        next = out.get(WorldModelContract.NEXT_STATE);
      }
      nexts.add(next);
      x = next;
    }
    // Cost on variable-major stacks ([S, H*K]); see CostTerm#stageGraph for why.
    String transpose = "Transpose";
    Map<String, Object> swap = Map.of("perm", new long[] {1, 0});
    String stackedStates = h == 1 ? nexts.getFirst() : g.node("Concat", nexts, Map.of("axis", 0L), 1)[0];
    String states = g.node(transpose, List.of(stackedStates), swap, 1)[0];
    String variance = null;
    if (!variances.isEmpty()) {
      String stackedVariance = h == 1 ? variances.getFirst() : g.node("Concat", variances, Map.of("axis", 0L), 1)[0];
      variance = g.node(transpose, List.of(stackedVariance), swap, 1)[0];
    }
    String rowsA = g.longs("a_rows", a, (long) h * k);
    String stacked = g.node("Reshape", g.node(transpose, List.of(actions), Map.of("perm", new long[] {2, 0, 1}), 1)[0], rowsA);
    String first = g.node("Expand", g.node(transpose, List.of(last), swap, 1)[0], g.longs("a_k", a, k));
    String previous = first;
    if (h > 1) {
      String earlier = g.node("Slice", actions, g.longs("from", 0), g.longs("to", h - 1), g.longs("axis0", 0));
      String earlierT = g.node("Reshape", g.node(transpose, List.of(earlier), Map.of("perm", new long[] {2, 0, 1}), 1)[0],
          g.longs("a_prev_rows", a, (long) (h - 1) * k));
      previous = g.node("Concat", List.of(first, earlierT), Map.of("axis", 1L), 1)[0];
    }
    String perSample = g.longs("per_sample", k);
    String stage = cost.stageGraph(g, states, stacked, previous, variance);
    // 0 x every predicted state: adds nothing to a finite rollout and NaN to one that predicted NaN
    // or infinity in any variable (IEEE: 0 x NaN = 0 x inf = NaN), so such a sample is invalid even
    // where no cost term weighs that variable; as StepwiseRollouts marks it in Java.
    String guard = g.node("MatMul", g.initializer("nonfinite_guard", new float[s], 1, s), states);
    stage = stage == null ? guard : g.node("Add", stage, guard);
    float[] ones = new float[h];
    java.util.Arrays.fill(ones, 1f);
    String byStep = g.node("Reshape", stage, g.longs("h_k", h, k));
    String total = g.node("Reshape", g.node("MatMul", g.initializer("sum_steps", ones, 1, h), byStep), perSample);
    String terminal = cost.terminalGraph(g, g.node(transpose, List.of(x), swap, 1)[0]);
    if (terminal != null) total = add(g, total, g.node("Reshape", terminal, perSample));
    if (value != null) {
      Map<String, String> out = inline(g, value.getGraph(), Map.of(WorldModelContract.STATE, x),
          initializers(g, value.getGraph(), "v"), "value_");
      String v = g.node("Mul", out.get(WorldModelContract.VALUE), g.scalar("minus_value_weight", (float) -valueWeight));
      total = add(g, total, g.node("Reshape", v, perSample));
    }
    g.output(total, COST, OnnxGraph.FLOAT, (long) k);

    Map<String, OperatorSetIdProto> opsets = new LinkedHashMap<>();
    for (OperatorSetIdProto o : world.getOpsetImportList()) opsets.put(o.getDomain(), o);
    if (value != null) for (OperatorSetIdProto o : value.getOpsetImportList()) opsets.putIfAbsent(o.getDomain(), o);
    long ir = Math.max(world.getIrVersion(), value != null ? value.getIrVersion() : 0);
    return g.toModel(List.copyOf(opsets.values()), Math.max(ir, 7), Map.of("foresight.fused_rollout",
        "horizon=" + h + ",samples=" + k + ",members=" + e));
  }

  private static String add(OnnxGraph g, String sum, String term) {
    return sum == null ? term : g.node("Add", sum, term);
  }

  /** Variance over members of {@code members [E, K, S]} as {@code [K, S]}, with matrix products only. */
  private static String variance(OnnxGraph g, String members, String meanRow, int e, int k, int s) {
    String flat = g.node("Reshape", members, g.longs("e_ks", e, (long) k * s));
    String mean = g.node("MatMul", meanRow, flat);
    String centred = g.node("Sub", flat, mean);
    String var = g.node("MatMul", meanRow, g.node("Mul", centred, centred));
    return g.node("Reshape", var, g.longs("k_s", k, s));
  }

  /** Copies a graph's initializers once, returning original name -> new name. */
  private static Map<String, String> initializers(OnnxGraph g, GraphProto graph, String prefix) {
    Map<String, String> names = new HashMap<>();
    for (TensorProto t : graph.getInitializerList()) names.put(t.getName(), g.initializer(prefix + "_" + t.getName(), t));
    return names;
  }

  /**
   * Adds a copy of {@code sub}'s nodes with inputs bound to {@code inputs} and weights to
   * {@code weights}; returns the sub-graph's outputs by name, renamed.
   */
  static Map<String, String> inline(OnnxGraph g, GraphProto sub, Map<String, String> inputs,
      Map<String, String> weights, String prefix) {
    Map<String, String> rename = new HashMap<>(weights);
    rename.putAll(inputs);
    for (NodeProto node : sub.getNodeList()) {
      NodeProto.Builder b = node.toBuilder().clearInput().clearOutput().setName(g.fresh(prefix + node.getName()));
      for (String in : node.getInputList()) {
        if (in.isEmpty()) {
          b.addInput("");
          continue;
        }
        String mapped = rename.get(in);
        if (mapped == null) {
          throw new UnsupportedOperationException("node " + node.getName() + " reads '" + in + "', which the graph does not define");
        }
        b.addInput(mapped);
      }
      for (String out : node.getOutputList()) {
        if (out.isEmpty()) {
          b.addOutput("");
          continue;
        }
        String fresh = g.fresh(prefix + out);
        rename.put(out, fresh);
        b.addOutput(fresh);
      }
      g.add(b.build());
    }
    Map<String, String> outputs = new HashMap<>();
    for (ValueInfoProto o : sub.getOutputList()) outputs.put(o.getName(), rename.get(o.getName()));
    return outputs;
  }

  private static long defaultOpset(ModelProto model) {
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return o.getVersion();
    }
    return 0;
  }

  private static void noSubgraphs(GraphProto graph) {
    for (NodeProto n : graph.getNodeList()) {
      for (AttributeProto attr : n.getAttributeList()) {
        if (attr.hasG() || attr.getGraphsCount() > 0) {
          throw new UnsupportedOperationException("node " + n.getName() + " (" + n.getOpType() + ") has a subgraph");
        }
      }
    }
  }

  private static int width(GraphProto graph, String input) {
    for (ValueInfoProto v : graph.getInputList()) {
      if (v.getName().equals(input)) return (int) v.getType().getTensorType().getShape().getDim(1).getDimValue();
    }
    throw new UnsupportedOperationException("no input " + input);
  }

  private static int members(GraphProto graph) {
    for (ValueInfoProto v : graph.getOutputList()) {
      if (v.getName().equals(WorldModelContract.MEMBERS)) {
        return (int) v.getType().getTensorType().getShape().getDim(0).getDimValue();
      }
    }
    return 1;
  }
}
