package dev.foresight.models.world;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.foresight.models.onnx.ModelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One member of an ensemble world model as a world model of its own: the graph rewritten so that
 * {@code next_state} is member {@code m}'s slice of {@code next_state_members} and nothing else is
 * computed (the other members' nodes and weights are dropped). The planner imagines with it at the
 * cost of one network per sample-step, while the one-step predictions (the trust monitor) keep the
 * whole ensemble from the original file ({@code model.planning_member}, docs/world-model.md).
 *
 * <pre>{@code
 * byte[] member = EnsembleMember.cut(Files.readAllBytes(file), 1, file.toString());
 * ModelSession planning = ModelSession.open(member, file + " (member 1)", settings);
 * }</pre>
 *
 * Works on any model that follows the contract (a graph from PyTorch too): the slice is a
 * {@code Gather} on axis 0, available in every opset.
 */
public final class EnsembleMember {

  /** Metadata key the cut model carries: which member it is. */
  public static final String MEMBER_KEY = "foresight.planning_member";

  private EnsembleMember() {}

  /**
   * The model of member {@code member} alone.
   *
   * @param label names the model in messages (its file)
   * @throws ModelException (one line naming {@code model.planning_member}, the value and the member
   *     count) when the model has no {@code next_state_members} or {@code member} is not one of them
   */
  public static byte[] cut(byte[] model, int member, String label) {
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(model);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelException(label + ": not an ONNX model (" + e.getMessage() + ")");
    }
    return cut(proto, member, label).toByteArray();
  }

  /** As {@link #cut(byte[], int, String)} on a parsed model. */
  public static ModelProto cut(ModelProto model, int member, String label) {
    GraphProto graph = model.getGraph();
    int members = members(graph);
    if (members < 2) {
      throw new ModelException(label + ": model.planning_member: " + member + " needs an ensemble model (output "
          + WorldModelContract.MEMBERS + " [E, N, S]), but this model has one network; remove model.planning_member");
    }
    if (member < 0 || member >= members) {
      throw new ModelException(label + ": model.planning_member: " + member + " is not a member of this ensemble of "
          + members + " (members are 0.." + (members - 1) + ")");
    }
    ValueInfoProto nextInfo = output(graph, WorldModelContract.NEXT_STATE);
    Set<String> taken = new HashSet<>();
    for (NodeProto n : graph.getNodeList()) taken.addAll(n.getOutputList());
    for (TensorProto t : graph.getInitializerList()) taken.add(t.getName());
    for (ValueInfoProto v : graph.getInputList()) taken.add(v.getName());
    // The ensemble's own next_state (usually the members' mean) is renamed out of the way: the
    // member's slice takes its name, and it is dropped below unless something else reads it.
    String oldNext = fresh(taken, WorldModelContract.NEXT_STATE + "_ensemble");
    String index = fresh(taken, "planning_member_index");
    List<NodeProto> nodes = new ArrayList<>();
    for (NodeProto n : graph.getNodeList()) {
      NodeProto.Builder b = n.toBuilder();
      for (int i = 0; i < b.getInputCount(); i++) {
        if (b.getInput(i).equals(WorldModelContract.NEXT_STATE)) b.setInput(i, oldNext);
      }
      for (int i = 0; i < b.getOutputCount(); i++) {
        if (b.getOutput(i).equals(WorldModelContract.NEXT_STATE)) b.setOutput(i, oldNext);
      }
      nodes.add(b.build());
    }
    // The slice: for the usual stack of members (Concat on axis 0 of [1, N, S] pieces, each an
    // Unsqueeze of a member's [N, S]: MlpExport, torch.stack) member m's own output, so the other
    // members' nodes become dead and are dropped; for any other graph a Gather on the stacked
    // output (correct, but every member still runs).
    Map<String, NodeProto> byOutput = new HashMap<>();
    for (NodeProto n : nodes) for (String o : n.getOutputList()) byOutput.put(o, n);
    Map<String, TensorProto> weights = new HashMap<>();
    for (TensorProto t : graph.getInitializerList()) weights.put(t.getName(), t);
    NodeProto stack = byOutput.get(WorldModelContract.MEMBERS);
    while (stack != null && stack.getOpType().equals("Identity")) stack = byOutput.get(stack.getInput(0));
    String gatherFrom = WorldModelContract.MEMBERS;
    long gatherIndex = member;
    String own = null;
    if (stack != null && stack.getOpType().equals("Concat") && stack.getInputCount() == members
        && (intAttribute(stack, "axis") == 0 || intAttribute(stack, "axis") == -3)) {
      String piece = stack.getInput(member);
      NodeProto unsqueeze = byOutput.get(piece);
      if (unsqueeze != null && unsqueeze.getOpType().equals("Unsqueeze") && axesAreZero(unsqueeze, weights)) {
        own = unsqueeze.getInput(0);
      } else {
        gatherFrom = piece;
        gatherIndex = 0;
      }
    }
    if (own != null) {
      nodes.add(NodeProto.newBuilder().setOpType("Identity").setName(fresh(taken, "planning_member"))
          .addInput(own).addOutput(WorldModelContract.NEXT_STATE).build());
    } else {
      nodes.add(NodeProto.newBuilder().setOpType("Gather").setName(fresh(taken, "planning_member"))
          .addInput(gatherFrom).addInput(index).addOutput(WorldModelContract.NEXT_STATE)
          .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0))
          .build());
    }

    // Keep only what next_state depends on (nodes listed in topological order, as ONNX requires).
    Map<String, NodeProto> producer = new HashMap<>();
    for (NodeProto n : nodes) for (String o : n.getOutputList()) producer.put(o, n);
    Set<NodeProto> needed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<String> used = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(WorldModelContract.NEXT_STATE));
    while (!todo.isEmpty()) {
      String value = todo.pop();
      if (!used.add(value)) continue;
      NodeProto n = producer.get(value);
      if (n != null && needed.add(n)) {
        for (String in : n.getInputList()) if (!in.isEmpty()) todo.push(in);
      }
    }
    GraphProto.Builder g = graph.toBuilder().clearNode().clearOutput().clearInitializer().clearValueInfo();
    for (NodeProto n : nodes) if (needed.contains(n)) g.addNode(n);
    for (TensorProto t : graph.getInitializerList()) if (used.contains(t.getName())) g.addInitializer(t);
    if (own == null) {
      g.addInitializer(TensorProto.newBuilder().setName(index).setDataType(TensorProto.DataType.INT64_VALUE)
          .addInt64Data(gatherIndex));   // a scalar index: Gather drops the member axis, [E, N, S] -> [N, S]
    }
    for (ValueInfoProto v : graph.getValueInfoList()) if (used.contains(v.getName())) g.addValueInfo(v);
    g.addOutput(nextInfo);

    ModelProto.Builder m = model.toBuilder().setGraph(g);
    m.clearMetadataProps();
    for (StringStringEntryProto p : model.getMetadataPropsList()) if (!p.getKey().equals(MEMBER_KEY)) m.addMetadataProps(p);
    m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(MEMBER_KEY).setValue(Integer.toString(member)));
    return m.build();
  }

  /** The fixed member count E of {@code next_state_members}, or 1 when the model has none. */
  public static int members(GraphProto graph) {
    for (ValueInfoProto v : graph.getOutputList()) {
      if (v.getName().equals(WorldModelContract.MEMBERS)) {
        var shape = v.getType().getTensorType().getShape();
        return shape.getDimCount() == 3 && shape.getDim(0).hasDimValue() ? (int) shape.getDim(0).getDimValue() : 1;
      }
    }
    return 1;
  }

  private static long intAttribute(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a.getI();
    return Long.MIN_VALUE;
  }

  /** Whether an Unsqueeze adds exactly axis 0 (the axes as an attribute before opset 13, an input since). */
  private static boolean axesAreZero(NodeProto unsqueeze, Map<String, TensorProto> weights) {
    for (AttributeProto a : unsqueeze.getAttributeList()) {
      if (a.getName().equals("axes")) return a.getIntsCount() == 1 && a.getInts(0) == 0;
    }
    if (unsqueeze.getInputCount() < 2) return false;
    TensorProto axes = weights.get(unsqueeze.getInput(1));
    if (axes == null || axes.getDataType() != TensorProto.DataType.INT64_VALUE) return false;
    if (axes.getInt64DataCount() > 0) return axes.getInt64DataCount() == 1 && axes.getInt64Data(0) == 0;
    var raw = axes.getRawData();
    return raw.size() == Long.BYTES
        && java.nio.ByteBuffer.wrap(raw.toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong() == 0;
  }

  private static ValueInfoProto output(GraphProto graph, String name) {
    for (ValueInfoProto v : graph.getOutputList()) if (v.getName().equals(name)) return v;
    throw new ModelException(graph.getName() + ": no output " + name);
  }

  private static String fresh(Set<String> taken, String hint) {
    String name = hint;
    for (int i = 1; !taken.add(name); i++) name = hint + "_" + i;
    return name;
  }
}
