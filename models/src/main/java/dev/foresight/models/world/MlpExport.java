package dev.foresight.models.world;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.models.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes MLP world models and value models as ONNX files that meet the contract, with
 * normalization and the state delta inside the graph, in fp32 or int8.
 *
 * <p>World model, per member: {@code x = [state, action]}, {@code z = (x - in_mean) / in_std},
 * {@code d = mlp(z)}, {@code next = state + d * delta_std + delta_mean}; the normalization is
 * folded into the first and last layers' weights ({@link #fold}). An ensemble also outputs
 * every member ({@code next_state_members [E, N, S]}) and {@code next_state} is their mean.
 *
 * <p>int8: weights are stored as int8 with one symmetric scale per output column; activations are
 * quantized per call (DynamicQuantizeLinear, MatMulInteger), which ONNX Runtime fuses into
 * DynamicQuantizeMatMul. Inputs are never clamped to a training range: out-of-range inputs stay
 * visible to out-of-distribution checks.
 *
 * <pre>{@code
 * ModelProto model = MlpExport.worldModel(List.of(mlp), norm, metadata, MlpExport.Quantization.INT8);
 * Files.write(path, model.toByteArray());
 * }</pre>
 */
public final class MlpExport {

  /** The ONNX opset the export writes. */
  public static final int OPSET = 17;

  private MlpExport() {}

  /** How weights and products are stored. */
  public enum Quantization {
    /** float32 weights and products. */
    FP32("fp32"),
    /** int8 weights, activations quantized per call, int8 products (DynamicQuantizeMatMul). */
    INT8("int8"),
    /** int8 weights dequantized in the graph, float32 products: int8 storage, fp32 activations. */
    INT8_WEIGHTS("int8");

    private final String id;

    Quantization(String id) {
      this.id = id;
    }

    /** The metadata value ({@code foresight.quantization}). */
    public String id() {
      return id;
    }
  }

  /**
   * Normalization statistics, in physical units.
   *
   * @param inputMean mean of [state, action]
   * @param inputStd  standard deviation of [state, action] (positive)
   * @param deltaMean mean of next_state - state
   * @param deltaStd  standard deviation of next_state - state (positive)
   */
  public record Normalization(float[] inputMean, float[] inputStd, float[] deltaMean, float[] deltaStd) {

    /** No normalization: zero means, unit deviations. */
    public static Normalization identity(int states, int actions) {
      float[] ones = new float[states + actions];
      java.util.Arrays.fill(ones, 1f);
      float[] deltaOnes = new float[states];
      java.util.Arrays.fill(deltaOnes, 1f);
      return new Normalization(new float[states + actions], ones, new float[states], deltaOnes);
    }
  }

  /** A world model of one or more MLP members sharing {@code norm}, whose inputs are {@code [state, action]}. */
  public static ModelProto worldModel(List<Mlp> members, Normalization norm, WorldModelMetadata metadata,
      Quantization quantization) {
    return worldModel(members, norm, metadata, quantization,
        AngleFeatures.none(metadata.stateNames().size(), metadata.actionNames().size()));
  }

  /**
   * A world model of one or more MLP members sharing {@code norm}, whose inputs are the
   * {@link AngleFeatures} of (state, action): wrapped angles enter as sine and cosine and come out
   * wrapped to [-pi, pi). {@code norm}'s input statistics are over the features' compact layout.
   * An ensemble's {@code next_state} is the state plus the members' mean delta (so angles near pi
   * average correctly), and each member's prediction is in {@code next_state_members}.
   */
  public static ModelProto worldModel(List<Mlp> members, Normalization norm, WorldModelMetadata metadata,
      Quantization quantization, AngleFeatures features) {
    int s = metadata.stateNames().size();
    int a = metadata.actionNames().size();
    if (features.states() != s || features.actions() != a) {
      throw new IllegalArgumentException("the features are for " + features.states() + " states and " + features.actions()
          + " actions but the model has " + s + " and " + a);
    }
    for (Mlp m : members) {
      if (m.inputs() != features.width() || m.outputs() != s) {
        throw new IllegalArgumentException("a member maps " + m.inputs() + " -> " + m.outputs()
            + " but the model needs " + features.width() + " -> " + s);
      }
    }
    OnnxGraph g = new OnnxGraph("foresight_world_model");
    String state = g.input(WorldModelContract.STATE, OnnxGraph.FLOAT, "N", (long) s);
    String action = g.input(WorldModelContract.ACTION, OnnxGraph.FLOAT, "N", (long) a);
    List<String> columns = features.any()
        ? List.of(state, g.node("Sin", state), g.node("Cos", state), action) : List.of(state, action);
    String x = g.node("Concat", columns, Map.of("axis", 1L), 1)[0];
    int[] index = features.expandedIndex();
    int width = features.expandedWidth();
    float[] mean = new float[width];
    float[] std = new float[width];
    java.util.Arrays.fill(std, 1f);
    for (int c = 0; c < index.length; c++) {
      mean[index[c]] = norm.inputMean()[c];
      std[index[c]] = norm.inputStd()[c];
    }
    // int8: normalize in float before the first quantized product, so the per-call activation scale
    // is shared by features of like size (raw, a velocity of 8 rad/s would leave a sine a few levels).
    boolean normalizeFirst = quantization == Quantization.INT8 && !identity(mean, std);
    String input = x;
    if (normalizeFirst) {
      float[] inverse = new float[width];
      for (int i = 0; i < width; i++) inverse[i] = 1f / std[i];
      input = g.node("Mul", g.node("Sub", x, g.initializer("in_mean", mean, width)), g.initializer("in_inv_std", inverse, width));
    }
    float[] zeros = new float[width];
    float[] ones = new float[width];
    java.util.Arrays.fill(ones, 1f);
    List<String> deltas = new ArrayList<>();
    for (Mlp member : members) {
      Mlp expanded = expand(member, index, width);
      Mlp folded = normalizeFirst ? fold(expanded, zeros, ones, norm.deltaMean(), norm.deltaStd())
          : fold(expanded, mean, std, norm.deltaMean(), norm.deltaStd());
      deltas.add(mlp(g, input, folded, quantization));
    }
    List<String> nexts = deltas.stream().map(d -> wrap(g, g.node("Add", state, d), features)).toList();
    if (members.size() == 1) {
      g.output(nexts.getFirst(), WorldModelContract.NEXT_STATE, OnnxGraph.FLOAT, "N", (long) s);
    } else {
      String axes = g.longs("axis0", 0);
      List<String> stacked = nexts.stream().map(n -> g.node("Unsqueeze", n, axes)).toList();
      String all = g.node("Concat", stacked, Map.of("axis", 0L), 1)[0];
      g.output(all, WorldModelContract.MEMBERS, OnnxGraph.FLOAT, (long) members.size(), "N", (long) s);
      String sum = g.node("Sum", deltas, Map.of(), 1)[0];
      String meanDelta = g.node("Mul", sum, g.scalar("inv_members", 1f / members.size()));
      g.output(wrap(g, g.node("Add", state, meanDelta), features), WorldModelContract.NEXT_STATE, OnnxGraph.FLOAT,
          "N", (long) s);
    }
    return g.toModel(OPSET, metadata.withQuantization(quantization.id()).toMap());
  }

  /** {@code v - 2 pi floor((v + pi) / 2 pi)} on the angle columns: wraps them to [-pi, pi). */
  private static String wrap(OnnxGraph g, String v, AngleFeatures features) {
    if (!features.any()) return v;
    float[] period = new float[features.states()];
    for (int i = 0; i < period.length; i++) period[i] = features.wrapped()[i] ? (float) (2 * Math.PI) : 0f;
    String turns = g.node("Floor", g.node("Mul", g.node("Add", v, g.scalar("pi", (float) Math.PI)),
        g.scalar("inv_two_pi", (float) (1 / (2 * Math.PI)))));
    return g.node("Sub", v, g.node("Mul", turns, g.initializer("wrap_period", period, features.states())));
  }

  private static boolean identity(float[] mean, float[] std) {
    for (int i = 0; i < mean.length; i++) if (mean[i] != 0f || std[i] != 1f) return false;
    return true;
  }

  /** The member with its first layer's rows moved to the expanded layout (zero rows for columns it does not use). */
  private static Mlp expand(Mlp member, int[] index, int width) {
    Mlp.Dense first = member.layers().getFirst();
    if (width == first.in()) {
      boolean same = true;
      for (int c = 0; c < index.length; c++) same &= index[c] == c;
      if (same) return member;
    }
    float[] w = new float[width * first.out()];
    for (int c = 0; c < index.length; c++) {
      System.arraycopy(first.weight(), c * first.out(), w, index[c] * first.out(), first.out());
    }
    List<Mlp.Dense> layers = new ArrayList<>(member.layers());
    layers.set(0, new Mlp.Dense(width, first.out(), w, first.bias()));
    return new Mlp(layers, member.activation());
  }

  /**
   * A value model {@code state [N, S] -> value [N, 1]}: {@code value = mlp((state - mean) / std) * value_std + value_mean}.
   */
  public static ModelProto valueModel(Mlp mlp, float[] stateMean, float[] stateStd, float valueMean, float valueStd,
      WorldModelMetadata metadata, Quantization quantization) {
    int s = metadata.stateNames().size();
    OnnxGraph g = new OnnxGraph("foresight_value_model");
    String state = g.input(WorldModelContract.STATE, OnnxGraph.FLOAT, "N", (long) s);
    String value = mlp(g, state, fold(mlp, stateMean, stateStd, new float[] {valueMean}, new float[] {valueStd}), quantization);
    g.output(value, WorldModelContract.VALUE, OnnxGraph.FLOAT, "N", 1L);
    return g.toModel(OPSET, metadata.withQuantization(quantization.id()).toMap());
  }

  /**
   * The MLP with the normalization folded into its first and last layers: with
   * {@code z = (x - mean) / std}, {@code z W + b = x (W / std) + (b - (mean / std) W)}, and
   * {@code (h W + b) * out_std + out_mean = h (W * out_std) + (b * out_std + out_mean)}. The same
   * function with four fewer elementwise operators per call (measured: about a third faster per
   * rollout step for the 2x64 pendulum model, where those operators cost as much as a layer).
   */
  static Mlp fold(Mlp mlp, float[] inMean, float[] inStd, float[] outMean, float[] outStd) {
    List<Mlp.Dense> layers = new ArrayList<>(mlp.layers());
    Mlp.Dense first = layers.getFirst();
    float[] w = first.weight().clone();
    float[] b = first.bias().clone();
    for (int i = 0; i < first.in(); i++) {
      if (!(inStd[i] > 0)) throw new IllegalArgumentException("standard deviation " + i + " is " + inStd[i] + "; it must be positive");
      for (int o = 0; o < first.out(); o++) {
        float scaled = first.weight()[i * first.out() + o] / inStd[i];
        w[i * first.out() + o] = scaled;
        b[o] -= inMean[i] * scaled;
      }
    }
    layers.set(0, new Mlp.Dense(first.in(), first.out(), w, b));
    Mlp.Dense last = layers.getLast();
    float[] lw = last.weight().clone();
    float[] lb = last.bias().clone();
    for (int o = 0; o < last.out(); o++) {
      if (!(outStd[o] > 0)) throw new IllegalArgumentException("output standard deviation " + o + " is " + outStd[o] + "; it must be positive");
      for (int i = 0; i < last.in(); i++) lw[i * last.out() + o] *= outStd[o];
      lb[o] = lb[o] * outStd[o] + outMean[o];
    }
    layers.set(layers.size() - 1, new Mlp.Dense(last.in(), last.out(), lw, lb));
    return new Mlp(layers, mlp.activation());
  }

  private static String mlp(OnnxGraph g, String input, Mlp mlp, Quantization quantization) {
    String h = input;
    for (int l = 0; l < mlp.layers().size(); l++) {
      Mlp.Dense d = mlp.layers().get(l);
      h = switch (quantization) {
        case FP32 -> dense(g, h, d);
        case INT8 -> denseInt8(g, h, d);
        case INT8_WEIGHTS -> denseInt8Weights(g, h, d);
      };
      if (l + 1 < mlp.layers().size()) {
        h = switch (mlp.activation()) {
          case RELU -> g.node("Relu", h);
          case TANH -> g.node("Tanh", h);
          case SILU -> g.node("Mul", h, g.node("Sigmoid", h));
        };
      }
    }
    return h;
  }

  private static String dense(OnnxGraph g, String x, Mlp.Dense d) {
    return g.node("Gemm", x, g.initializer("w", d.weight(), d.in(), d.out()), g.initializer("b", d.bias(), d.out()));
  }

  /** y = dequant(quant(x) x Wq) + b, with per-column symmetric weight scales. */
  private static String denseInt8(OnnxGraph g, String x, Mlp.Dense d) {
    float[] scale = new float[d.out()];
    byte[] q = quantizeColumns(d, scale, PRODUCT_WEIGHT_LIMIT);
    String[] xq = g.node("DynamicQuantizeLinear", List.of(x), Map.of(), 3);
    String wq = g.initializer8("wq", OnnxGraph.INT8, q, d.in(), d.out());
    String wZero = g.initializer8("wq_zero", OnnxGraph.INT8, new byte[] {0});
    String product = g.node("MatMulInteger", xq[0], wq, xq[2], wZero);
    String asFloat = g.node("Cast", List.of(product), Map.of("to", (long) OnnxGraph.FLOAT), 1)[0];
    String scales = g.node("Mul", xq[1], g.initializer("w_scale", scale, d.out()));
    return g.node("Add", g.node("Mul", asFloat, scales), g.initializer("b", d.bias(), d.out()));
  }
  /** y = x dequant(Wq) + b: int8 weights with per-column scales, float32 activations and products. */
  private static String denseInt8Weights(OnnxGraph g, String x, Mlp.Dense d) {
    float[] scale = new float[d.out()];
    byte[] q = quantizeColumns(d, scale, 127);
    String w = g.node("DequantizeLinear", List.of(g.initializer8("wq", OnnxGraph.INT8, q, d.in(), d.out()),
        g.initializer("w_scale", scale, d.out()), g.initializer8("wq_zero", OnnxGraph.INT8, new byte[d.out()], d.out())),
        Map.of("axis", 1L), 1)[0];
    return g.node("Gemm", x, w, g.initializer("b", d.bias(), d.out()));
  }

  /**
   * The largest weight level of an int8 product (7 bits, ONNX Runtime's {@code reduce_range}). On x86
   * without VNNI, ONNX Runtime multiplies uint8 activations by int8 weights with {@code VPMADDUBSW},
   * which adds two products into a saturating int16: 255 x 127 x 2 = 64,770 overflows it, 255 x 63 x 2
   * = 32,130 does not. Measured on an AVX2 EPYC (BindingTest, 2x64 pendulum model): max error 7.1e-2
   * with 8-bit weights, against 3.3e-3 on a VNNI machine. A model file goes to any board, so the export
   * gives up one bit of weight resolution everywhere rather than saturate on some.
   */
  static final int PRODUCT_WEIGHT_LIMIT = 63;

  /** Symmetric int8 per output column: {@code w ~ q * scale[o]}, |q| <= limit. */
  private static byte[] quantizeColumns(Mlp.Dense d, float[] scale, int limit) {
    byte[] q = new byte[d.in() * d.out()];
    for (int o = 0; o < d.out(); o++) {
      float max = 0;
      for (int i = 0; i < d.in(); i++) max = Math.max(max, Math.abs(d.weight()[i * d.out() + o]));
      scale[o] = max > 0 ? max / limit : 1f;
      for (int i = 0; i < d.in(); i++) {
        q[i * d.out() + o] = (byte) Math.clamp(Math.round(d.weight()[i * d.out() + o] / scale[o]), -limit, limit);
      }
    }
    return q;
  }


}
