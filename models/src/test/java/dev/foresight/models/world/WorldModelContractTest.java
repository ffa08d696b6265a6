package dev.foresight.models.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.OnnxGraph;
import dev.foresight.models.onnx.SessionSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorldModelContractTest {

  static final List<String> STATE = TestModels.PENDULUM_STATE;
  static final List<String> ACTION = TestModels.PENDULUM_ACTION;

  /** A conforming pendulum model with one thing changed by {@code edit} (metadata) or built by hand. */
  static ModelSession model(String label, Consumer<Map<String, String>> edit) {
    Map<String, String> meta = new HashMap<>(TestModels.pendulumMetadata().toMap());
    edit.accept(meta);
    OnnxGraph g = new OnnxGraph("m");
    String s = g.input("state", OnnxGraph.FLOAT, "N", 2L);
    String a = g.input("action", OnnxGraph.FLOAT, "N", 1L);
    g.output(g.node("Add", s, a), "next_state", OnnxGraph.FLOAT, "N", 2L);
    return ModelSession.open(g.toModel(17, meta).toByteArray(), label, SessionSettings.DEFAULT);
  }

  /** A model with hand-made inputs and outputs: each entry name -> {type, dims...}. */
  static ModelSession shaped(String label, Map<String, Object[]> inputs, Map<String, Object[]> outputs) {
    OnnxGraph g = new OnnxGraph("m");
    String first = null;
    for (var e : inputs.entrySet()) {
      Object[] spec = e.getValue();
      String in = g.input(e.getKey(), (int) spec[0], java.util.Arrays.copyOfRange(spec, 1, spec.length));
      if (first == null) first = (int) spec[0] == OnnxGraph.FLOAT ? in : g.node("Cast", List.of(in), Map.of("to", 1L), 1)[0];
    }
    for (var e : outputs.entrySet()) {
      Object[] spec = e.getValue();
      g.output(g.node("Identity", first), e.getKey(), (int) spec[0], java.util.Arrays.copyOfRange(spec, 1, spec.length));
    }
    return ModelSession.open(g.toModel(17, TestModels.pendulumMetadata().toMap()).toByteArray(), label,
        SessionSettings.DEFAULT);
  }

  static Object[] f(Object... dims) {
    Object[] spec = new Object[dims.length + 1];
    spec[0] = OnnxGraph.FLOAT;
    System.arraycopy(dims, 0, spec, 1, dims.length);
    return spec;
  }

  static Map<String, Object[]> ordered(Object... pairs) {
    Map<String, Object[]> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Object[]) pairs[i + 1]);
    return m;
  }

  static Stream<Arguments> mismatches() {
    return Stream.of(
        Arguments.of("m.onnx: the model has no input 'state' (its inputs: obs float[N, 2], action float[N, 1]); "
            + "the contract is state [N, S] and action [N, A]",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("obs", f("N", 2L), "action", f("N", 1L)), ordered("next_state", f("N", 2L)))),
        Arguments.of("m.onnx: input state is int64 but the contract says float32",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", new Object[] {OnnxGraph.INT64, "N", 2L}, "action", f("N", 1L)),
                ordered("next_state", f("N", 2L)))),
        Arguments.of("m.onnx: input state has shape [N, 2, 1] but the contract is state [N, S] and action [N, A]",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", f("N", 2L, 1L), "action", f("N", 1L)), ordered("next_state", f("N", 2L)))),
        Arguments.of("m.onnx: input state has shape [N, 3] but the config has 2 state variables [theta, theta_dot]",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", f("N", 3L), "action", f("N", 1L)), ordered("next_state", f("N", 3L)))),
        Arguments.of("m.onnx: input action has shape [N, 2] but the config has 1 action variable [torque]",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", f("N", 2L), "action", f("N", 2L)), ordered("next_state", f("N", 2L)))),
        Arguments.of("m.onnx: the world model has inputs state float[N, 2], action float[N, 1], hidden float[N, 4] "
            + "but the contract allows exactly state and action",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", f("N", 2L), "action", f("N", 1L), "hidden", f("N", 4L)), ordered("next_state", f("N", 2L)))),
        Arguments.of("m.onnx: the model has no output 'next_state' (its outputs: delta float[N, 2]); the contract is next_state [N, S]",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", f("N", 2L), "action", f("N", 1L)), ordered("delta", f("N", 2L)))),
        Arguments.of("m.onnx: output next_state has shape [N, 3] but the config has 2 state variables [theta, theta_dot]",
            (java.util.function.Supplier<ModelSession>) () -> {
              OnnxGraph g = new OnnxGraph("m");
              String s = g.input("state", OnnxGraph.FLOAT, "N", 2L);
              String a = g.input("action", OnnxGraph.FLOAT, "N", 1L);
              g.output(g.node("Concat", List.of(s, a), Map.of("axis", 1L), 1)[0], "next_state", OnnxGraph.FLOAT, "N", 3L);
              return ModelSession.open(g.toModel(17, TestModels.pendulumMetadata().toMap()).toByteArray(), "m.onnx",
                  SessionSettings.DEFAULT);
            }),
        Arguments.of("m.onnx: output next_state_members is next_state_members float[N, 2] but the contract says float32 [E, N, S]",
            (java.util.function.Supplier<ModelSession>) () -> shaped("m.onnx",
                ordered("state", f("N", 2L), "action", f("N", 1L)),
                ordered("next_state", f("N", 2L), "next_state_members", f("N", 2L)))),
        Arguments.of("m.onnx: metadata foresight.dt_s is missing; a world model carries foresight.format, "
            + "foresight.state_names, foresight.action_names, foresight.dt_s, foresight.quantization (docs/world-model.md)",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.remove("foresight.dt_s"))),
        Arguments.of("m.onnx: metadata foresight.format is '2' but this Foresight reads format 1",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.put("foresight.format", "2"))),
        Arguments.of("m.onnx: metadata foresight.dt_s is 'fast'; it must be the time step in seconds, e.g. 0.05",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.put("foresight.dt_s", "fast"))),
        Arguments.of("m.onnx: metadata foresight.quantization is 'fp16'; use fp32 or int8",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.put("foresight.quantization", "fp16"))),
        Arguments.of("m.onnx: the model's state variables [theta, omega] (foresight.state_names) do not match the config's "
            + "[theta, theta_dot]; rename them in the config or export the model again",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.put("foresight.state_names", "theta,omega"))),
        Arguments.of("m.onnx: the model's action variables [force] (foresight.action_names) do not match the config's "
            + "[torque]; rename them in the config or export the model again",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.put("foresight.action_names", "force"))),
        Arguments.of("m.onnx: the model predicts 0.02 s ahead (foresight.dt_s) but the loop runs every 0.05 s (20 Hz); "
            + "train for this rate or change loop.rate_hz",
            (java.util.function.Supplier<ModelSession>) () -> model("m.onnx", m -> m.put("foresight.dt_s", "0.02"))));
  }

  @ParameterizedTest
  @MethodSource("mismatches")
  void refusesAMismatchNamingBothSides(String expected, java.util.function.Supplier<ModelSession> model) {
    try (ModelSession m = model.get()) {
      assertThatThrownBy(() -> WorldModelContract.check(m, STATE, ACTION, 0.05))
          .isInstanceOf(ModelException.class).hasMessage(expected);
    }
  }

  @Test
  void acceptsAConformingModelWithSpacesInItsNameLists() {
    try (ModelSession m = model("m.onnx", meta -> meta.put("foresight.state_names", "theta, theta_dot"))) {
      WorldModelMetadata meta = WorldModelContract.check(m, STATE, ACTION, 0.05);
      assertThat(meta.stateNames()).isEqualTo(STATE);
      assertThat(meta.dtS()).isEqualTo(0.05);
    }
  }

  @Test
  void refusesAValueModelWithAWideOutputOrOtherNames() {
    try (ModelSession wide = shaped("v.onnx", ordered("state", f("N", 2L)), ordered("value", f("N", 2L)))) {
      assertThatThrownBy(() -> WorldModelContract.checkValue(wide, STATE)).hasMessage(
          "v.onnx: output value has shape [N, 2] but the contract says [N, 1]");
    }
    Mlp mlp = Mlp.random(new int[] {2, 8, 1}, Mlp.Activation.TANH, 1, 1);
    WorldModelMetadata other = new WorldModelMetadata(1, List.of("x", "v"), ACTION, 0.05, "fp32", "", "t");
    try (ModelSession named = ModelSession.open(MlpExport.valueModel(mlp, new float[2], new float[] {1, 1}, 0, 1, other,
        MlpExport.Quantization.FP32).toByteArray(), "v.onnx", SessionSettings.DEFAULT)) {
      assertThatThrownBy(() -> WorldModelContract.checkValue(named, STATE)).hasMessage(
          "v.onnx: the model's state variables [x, v] (foresight.state_names) do not match the config's "
              + "[theta, theta_dot]; rename them in the config or export the model again");
    }
  }
}
