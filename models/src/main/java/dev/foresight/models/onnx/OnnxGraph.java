package dev.foresight.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX graph with the generated ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl}):
 * typed inputs and outputs, initializers, nodes with attributes, metadata. Value names are made
 * unique by the builder, so composed pieces (layers, rollout steps) do not clash.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("affine");
 * String x = g.input("x", OnnxGraph.FLOAT, "N", 3L);
 * String w = g.initializer("w", weights, 3, 2);
 * g.output(g.node("MatMul", x, w), "y", OnnxGraph.FLOAT, "N", 2L);
 * byte[] model = g.toModel(17, Map.of("foresight.format", "1")).toByteArray();
 * }</pre>
 */
public final class OnnxGraph {

  /** ONNX element type float32. */
  public static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  /** ONNX element type int8. */
  public static final int INT8 = TensorProto.DataType.INT8_VALUE;
  /** ONNX element type uint8. */
  public static final int UINT8 = TensorProto.DataType.UINT8_VALUE;
  /** ONNX element type int64. */
  public static final int INT64 = TensorProto.DataType.INT64_VALUE;
  /**
   * The ONNX IR version written: 8, the version that goes with opset 17 (ONNX 1.12). Nothing here
   * needs IR 9 (float8 types), and 8 keeps the files readable by ONNX 1.12's checker (Debian's
   * python3-onnx) and older runtimes.
   */
  public static final int IR_VERSION = 8;

  private final GraphProto.Builder graph;
  private final Set<String> names = new HashSet<>();
  private int counter;

  /** An empty graph with this name. */
  public OnnxGraph(String name) {
    this.graph = GraphProto.newBuilder().setName(name);
  }

  /** A unique value name starting with {@code hint}. */
  public String fresh(String hint) {
    String name = hint;
    while (!names.add(name)) name = hint + "_" + (++counter);
    return name;
  }

  /** Claims an exact name (graph inputs, outputs, inlined values); fails if taken. */
  public String claim(String name) {
    if (!names.add(name)) throw new IllegalArgumentException("ONNX value name '" + name + "' is already used");
    return name;
  }

  /**
   * Adds a graph input. Each dimension is a {@code Long} (fixed) or a {@code String} (symbolic,
   * e.g. {@code "N"} for the batch).
   */
  public String input(String name, int elementType, Object... dims) {
    graph.addInput(valueInfo(claim(name), elementType, dims));
    return name;
  }

  /** Makes {@code value} a graph output called {@code name} (through an Identity when renamed). */
  public void output(String value, String name, int elementType, Object... dims) {
    if (!value.equals(name)) {
      claim(name);
      graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(value).addOutput(name));
    }
    graph.addOutput(valueInfo(name, elementType, dims));
  }

  /** A float32 initializer (row-major). */
  public String initializer(String hint, float[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) bytes.putFloat(v);
    return raw(hint, FLOAT, bytes.array(), dims);
  }

  /** An int8 or uint8 initializer. */
  public String initializer8(String hint, int elementType, byte[] values, long... dims) {
    return raw(hint, elementType, values, dims);
  }

  /** An int64 initializer. */
  public String initializer(String hint, long[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) bytes.putLong(v);
    return raw(hint, INT64, bytes.array(), dims);
  }

  /** A float32 scalar initializer. */
  public String scalar(String hint, float value) {
    return initializer(hint, new float[] {value});
  }

  /** A 1-D int64 initializer, e.g. a shape for Reshape. */
  public String longs(String hint, long... values) {
    return initializer(hint, values, values.length);
  }

  /** Adds an existing tensor (e.g. copied from another model) under a fresh name. */
  public String initializer(String hint, TensorProto tensor) {
    String name = fresh(hint);
    graph.addInitializer(tensor.toBuilder().setName(name));
    return name;
  }

  private String raw(String hint, int elementType, byte[] data, long... dims) {
    String name = fresh(hint);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(elementType)
        .setRawData(ByteString.copyFrom(data));
    for (long d : dims) t.addDims(d);
    graph.addInitializer(t);
    return name;
  }

  /** A node with one output; returns the output's name. */
  public String node(String op, String... inputs) {
    return node(op, List.of(inputs), Map.of(), 1)[0];
  }

  /**
   * A node with attributes ({@code Long}, {@code Double}/{@code Float}, {@code long[]},
   * {@code String}) and {@code outputs} outputs; returns the output names.
   */
  public String[] node(String op, List<String> inputs, Map<String, Object> attributes, int outputs) {
    return node("", op, inputs, attributes, outputs);
  }

  /** As {@link #node(String, List, Map, int)} for an operator of another domain (e.g. com.microsoft). */
  public String[] node(String domain, String op, List<String> inputs, Map<String, Object> attributes, int outputs) {
    String[] out = new String[outputs];
    for (int i = 0; i < outputs; i++) out[i] = fresh(op.toLowerCase(java.util.Locale.ROOT));
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out[0]).addAllInput(inputs);
    if (!domain.isEmpty()) n.setDomain(domain);
    for (String o : out) n.addOutput(o);
    attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> n.addAttribute(attribute(e.getKey(), e.getValue())));
    graph.addNode(n);
    return out;
  }

  /** Adds a prepared node as is (for inlining another graph's nodes). */
  public void add(NodeProto node) {
    graph.addNode(node);
  }

  /** The graph so far (for inspection and tests). */
  public GraphProto graph() {
    return graph.build();
  }

  /**
   * The model: this graph with the default-domain opset {@code opset} (plus {@code com.microsoft}
   * when used), IR version {@link #IR_VERSION} and the given metadata.
   */
  public ModelProto toModel(int opset, Map<String, String> metadata) {
    return toModel(List.of(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset).build()), IR_VERSION, metadata);
  }

  /** The model with explicit opset imports and IR version. */
  public ModelProto toModel(List<OperatorSetIdProto> opsets, long irVersion, Map<String, String> metadata) {
    ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("foresight")
        .addAllOpsetImport(opsets).setGraph(graph);
    metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue())));
    return m.build();
  }

  private static ValueInfoProto valueInfo(String name, int elementType, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      switch (d) {
        case Long l -> dim.setDimValue(l);
        case Integer i -> dim.setDimValue(i);
        case String s -> dim.setDimParam(s);
        default -> throw new IllegalArgumentException("dimension " + d + " is neither a number nor a name");
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }

  private static AttributeProto attribute(String name, Object value) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    switch (value) {
      case Long l -> a.setType(AttributeProto.AttributeType.INT).setI(l);
      case Integer i -> a.setType(AttributeProto.AttributeType.INT).setI(i);
      case Float f -> a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
      case Double d -> a.setType(AttributeProto.AttributeType.FLOAT).setF(d.floatValue());
      case String s -> a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
      case long[] ls -> {
        a.setType(AttributeProto.AttributeType.INTS);
        for (long l : ls) a.addInts(l);
      }
      default -> throw new IllegalArgumentException("attribute " + name + ": unsupported value " + value);
    }
    return a.build();
  }
}
