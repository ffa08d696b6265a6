package dev.foresight.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts a model's dense-layer FLOP and measures what ONNX Runtime's MatMul achieves here, so a
 * plan's cost can be put beside the machine's peak ({@code bench plan}).
 */
public final class ModelFlops {

  private static final Set<String> PRODUCTS = Set.of("MatMul", "Gemm", "MatMulInteger");

  private ModelFlops() {}

  /**
   * FLOP per input row (per sample-step of a world model): 2 x in x out for every MatMul, Gemm or
   * MatMulInteger whose weight is an initializer (directly or through DequantizeLinear), so an
   * ensemble's members all count. Products of two activations and element-wise ops are not counted.
   */
  public static long perRow(ModelProto model) {
    GraphProto graph = model.getGraph();
    Map<String, TensorProto> initializers = new HashMap<>();
    for (TensorProto t : graph.getInitializerList()) initializers.put(t.getName(), t);
    Map<String, NodeProto> producers = new HashMap<>();
    for (NodeProto n : graph.getNodeList()) for (String o : n.getOutputList()) producers.put(o, n);
    long flop = 0;
    for (NodeProto n : graph.getNodeList()) {
      if (!PRODUCTS.contains(n.getOpType()) || n.getInputCount() < 2) continue;
      TensorProto w = initializers.get(n.getInput(1));
      NodeProto producer = producers.get(n.getInput(1));
      if (w == null && producer != null && producer.getOpType().equals("DequantizeLinear")) {
        w = initializers.get(producer.getInput(0));
      }
      if (w == null) continue;
      long elements = 1;
      for (long d : w.getDimsList()) elements *= d;
      flop += 2 * elements;
    }
    return flop;
  }

  /** {@link #perRow(ModelProto)} of a model file. */
  public static long perRow(Path file) {
    try {
      return perRow(ModelProto.parseFrom(Files.readAllBytes(file)));
    } catch (InvalidProtocolBufferException e) {
      throw new ModelException(file + ": not an ONNX model (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new ModelException(file + ": cannot read the model file (" + e.getMessage() + ")");
    }
  }

  /**
   * ONNX Runtime's single-threaded float MatMul speed here: an {@code n x n} by {@code n x n}
   * product built in memory, one intra-op thread, warmed up, the median of {@code runs} timed runs.
   * Time is the caller's ({@code nanoClock}: a benchmark passes the system clock; models never read it).
   *
   * @return GFLOP/s (2 n^3 FLOP per run over the median run time)
   */
  public static double matMulGflops(int n, int runs, java.util.function.LongSupplier nanoClock) {
    OnnxGraph g = new OnnxGraph("foresight_sgemm_peak");
    String a = g.input("a", OnnxGraph.FLOAT, (long) n, (long) n);
    float[] weights = new float[n * n];
    for (int i = 0; i < weights.length; i++) weights[i] = (i % 7 - 3) * 0.01f;
    String c = g.node("MatMul", a, g.initializer("b", weights, n, n));
    g.output(c, "c", OnnxGraph.FLOAT, (long) n, (long) n);
    byte[] bytes = g.toModel(17, Map.of()).toByteArray();
    try (ModelSession session = ModelSession.open(bytes, "sgemm peak", SessionSettings.DEFAULT.withThreads(1));
        Binding binding = session.bind(Map.of("a", new long[] {n, n}), Map.of("c", new long[] {n, n}))) {
      binding.write("a", weights, 0, weights.length);
      for (int i = 0; i < 3; i++) binding.run();
      long[] times = new long[runs];
      for (int i = 0; i < runs; i++) {
        long start = nanoClock.getAsLong();
        binding.run();
        times[i] = nanoClock.getAsLong() - start;
      }
      Arrays.sort(times);
      return 2.0 * n * n * n / times[runs / 2];
    }
  }

  /** The default peak measurement: 512 x 512 x 512, median of 7 runs, on {@code nanoClock}. */
  public static double matMulGflops(java.util.function.LongSupplier nanoClock) {
    return matMulGflops(512, 7, nanoClock);
  }

}
