package dev.foresight.models.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleMemberTest {

  private static final int E = 5;
  private static final int N = 32;

  @Test
  void eachCutPredictsExactlyItsMembersSliceOfTheEnsemble() {
    byte[] ensemble = TestModels.pendulum(E, Mlp.Activation.TANH, MlpExport.Quantization.FP32).toByteArray();
    float[] state = new float[N * 2];
    float[] action = new float[N];
    Random random = new Random(3);
    for (int i = 0; i < state.length; i++) state[i] = (float) (random.nextGaussian() * 2);
    for (int i = 0; i < action.length; i++) action[i] = (float) (random.nextDouble() * 4 - 2);
    float[] members = new float[E * N * 2];
    try (OnnxWorldModel all = new OnnxWorldModel(ModelSession.open(ensemble, "ensemble", SessionSettings.DEFAULT), N)) {
      all.step(state, action, new float[N * 2], members);
    }
    for (int m = 0; m < E; m++) {
      byte[] cut = EnsembleMember.cut(ensemble, m, "ensemble");
      try (ModelSession session = ModelSession.open(cut, "member " + m, SessionSettings.DEFAULT);
           OnnxWorldModel one = new OnnxWorldModel(session, N)) {
        WorldModelContract.check(session, TestModels.PENDULUM_STATE, TestModels.PENDULUM_ACTION, TestModels.PENDULUM_DT);
        assertThat(one.members()).isEqualTo(1);
        assertThat(session.spec(WorldModelContract.MEMBERS)).isNull();
        assertThat(session.metadata()).containsEntry(EnsembleMember.MEMBER_KEY, Integer.toString(m));
        float[] next = new float[N * 2];
        one.step(state, action, next, null);
        float[] expected = java.util.Arrays.copyOfRange(members, m * N * 2, (m + 1) * N * 2);
        assertThat(next).as("member " + m).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
        // Member m differs from its neighbour: the slice is not some other member or the mean.
        float[] other = java.util.Arrays.copyOfRange(members, ((m + 1) % E) * N * 2, ((m + 1) % E + 1) * N * 2);
        assertThat(next).isNotEqualTo(other);
      }
    }
  }

  @Test
  void theCutDropsTheOtherMembersNodesAndWeights() {
    ModelProto ensemble = TestModels.pendulum(E, Mlp.Activation.RELU, MlpExport.Quantization.INT8);
    ModelProto one = TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.INT8);
    ModelProto cut = EnsembleMember.cut(ensemble, 2, "ensemble");
    long ensembleWeights = ensemble.getGraph().getInitializerList().stream().mapToLong(t -> t.getSerializedSize()).sum();
    long cutWeights = cut.getGraph().getInitializerList().stream().mapToLong(t -> t.getSerializedSize()).sum();
    long oneWeights = one.getGraph().getInitializerList().stream().mapToLong(t -> t.getSerializedSize()).sum();
    assertThat(cutWeights).isLessThan(ensembleWeights / 3).isBetween(oneWeights * 9 / 10, oneWeights * 11 / 10);
    assertThat(cut.getGraph().getNodeCount()).isLessThan(ensemble.getGraph().getNodeCount() / 3);
    assertThat(cut.getGraph().getOutputList()).extracting(v -> v.getName()).containsExactly(WorldModelContract.NEXT_STATE);
  }

  /** A graph whose members are not a stack of separate networks: the cut slices the stacked output. */
  @Test
  void anyOtherEnsembleGraphIsSlicedAsAWhole() {
    dev.foresight.models.onnx.OnnxGraph g = new dev.foresight.models.onnx.OnnxGraph("scaled");
    String state = g.input("state", dev.foresight.models.onnx.OnnxGraph.FLOAT, "N", 2L);
    g.input("action", dev.foresight.models.onnx.OnnxGraph.FLOAT, "N", 1L);
    String scales = g.initializer("scales", new float[] {1, 2, 3}, 3, 1, 1);   // member e: state x (e + 1)
    g.output(g.node("Mul", scales, state), WorldModelContract.MEMBERS, dev.foresight.models.onnx.OnnxGraph.FLOAT, 3L, "N", 2L);
    g.output(g.node("Identity", state), WorldModelContract.NEXT_STATE, dev.foresight.models.onnx.OnnxGraph.FLOAT, "N", 2L);
    byte[] model = g.toModel(17, TestModels.pendulumMetadata().toMap()).toByteArray();
    try (ModelSession session = ModelSession.open(EnsembleMember.cut(model, 2, "scaled"), "scaled 2", SessionSettings.DEFAULT);
         OnnxWorldModel one = new OnnxWorldModel(session, 2)) {
      float[] next = new float[4];
      one.step(new float[] {1, 2, 3, 4}, new float[2], next, null);
      assertThat(next).containsExactly(3, 6, 9, 12);
    }
  }

  @Test
  void aMemberBeyondTheEnsembleIsOneLineNamingTheKeyTheValueAndTheCount() {
    byte[] ensemble = TestModels.pendulum(E, Mlp.Activation.RELU, MlpExport.Quantization.INT8).toByteArray();
    assertThatThrownBy(() -> EnsembleMember.cut(ensemble, 5, "models/p.onnx"))
        .isInstanceOf(ModelException.class)
        .hasMessage("models/p.onnx: model.planning_member: 5 is not a member of this ensemble of 5 (members are 0..4)");
    assertThatThrownBy(() -> EnsembleMember.cut(ensemble, -1, "models/p.onnx"))
        .hasMessage("models/p.onnx: model.planning_member: -1 is not a member of this ensemble of 5 (members are 0..4)");
  }

  @Test
  void aSingleNetworkHasNoMemberToPlanOn() {
    byte[] single = TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.INT8).toByteArray();
    assertThatThrownBy(() -> EnsembleMember.cut(single, 0, "models/one.onnx"))
        .isInstanceOf(ModelException.class)
        .hasMessage("models/one.onnx: model.planning_member: 0 needs an ensemble model (output next_state_members "
            + "[E, N, S]), but this model has one network; remove model.planning_member");
  }
}
