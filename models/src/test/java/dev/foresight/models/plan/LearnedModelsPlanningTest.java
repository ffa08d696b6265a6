package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.OnnxValueModel;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.TestModels;
import dev.foresight.models.world.WorldModelMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planners use a learned terminal value and steer away from ensemble disagreement. */
class LearnedModelsPlanningTest {

  static final String ROBOT_STATE = "[{name: x, source: plant.theta}]";
  static final String ROBOT_ACTION = "[{name: u, min: -2, max: 2, target: plant.torque}]";

  /** First planned action of MPPI on x' = x + u with a value model V(x) = x at the horizon's end. */
  static double firstActionWithValue(double valueWeight) {
    RobotConfig config = Fixtures.robot(ROBOT_STATE, ROBOT_ACTION,
        "{type: mppi, world_model: simulator, samples: 256, horizon: 5, iterations: 10, temperature: 0.1,"
            + " value_weight: " + valueWeight + ", cost: [{type: action, variable: u, weight: 0.05}]}");
    var p = Fixtures.planner(config);
    Mlp identity = new Mlp(List.of(new Mlp.Dense(1, 1, new float[] {1}, new float[1])), Mlp.Activation.RELU);
    ModelProto value = MlpExport.valueModel(identity, new float[1], new float[] {1}, 0, 1,
        new WorldModelMetadata(1, List.of("x"), List.of("u"), 0.05, "fp32", "", "t"), MlpExport.Quantization.FP32);
    ModelSession session = ModelSession.open(value.toByteArray(), "value", SessionSettings.DEFAULT);
    var rollouts = new StepwiseRollouts(new Fixtures.Linear(p.samples(), 1, 1, 1, 1, 0), CostFunction.of(p.cost(), config),
        new OnnxValueModel(session, p.samples()), p.valueWeight(), p.horizon(), "java + onnx value");
    try (SamplingPlanner planner = Planners.create(p, config, rollouts, new Fixtures.SteppingClock(1))) {
      planner.plan(new double[] {0}, Long.MAX_VALUE);
      double[] u = new double[1];
      planner.firstAction(u);
      return u[0];
    } finally {
      session.close();
    }
  }

  @Test
  void aTerminalValueModelPullsThePlanTowardValuableStates() {
    assertThat(firstActionWithValue(0)).as("without value only effort counts").isBetween(-0.3, 0.3);
    assertThat(firstActionWithValue(1)).as("V(x) = x rewards pushing x up").isGreaterThan(1.5);
  }

  /** First action toward x = 3 on an ensemble whose members disagree more the harder u pushes. */
  static double firstActionWithDisagreement(double weight) {
    String disagreement = weight > 0 ? ", {type: disagreement, weight: " + weight + "}" : "";
    RobotConfig config = Fixtures.robot(ROBOT_STATE, ROBOT_ACTION,
        "{type: cem, world_model: simulator, samples: 256, horizon: 5, iterations: 6, elites: 16, cost: ["
            + "{type: track, variable: x, target: 3, weight: 1}" + disagreement + "]}");
    var p = Fixtures.planner(config);
    // x' = x + 0.5 u, members scaling the step by 0.5 .. 1.5
    ModelProto ensemble = TestModels.linear(List.of("x"), List.of("u"), 0.05, new float[] {0, 0.5f}, 3, 0.5f);
    ModelSession session = ModelSession.open(ensemble.toByteArray(), "ensemble", SessionSettings.DEFAULT);
    var rollouts = new StepwiseRollouts(new OnnxWorldModel(session, p.samples()), CostFunction.of(p.cost(), config),
        null, 0, p.horizon(), "onnx ensemble");
    try (SamplingPlanner planner = Planners.create(p, config, rollouts, new Fixtures.SteppingClock(1))) {
      planner.plan(new double[] {0}, Long.MAX_VALUE);
      double[] u = new double[1];
      planner.firstAction(u);
      return u[0];
    } finally {
      session.close();
    }
  }

  @Test
  void aDisagreementPenaltyMakesThePlanCautiousWhereMembersDisagree() {
    double bold = firstActionWithDisagreement(0);
    double cautious = firstActionWithDisagreement(200);
    assertThat(bold).isGreaterThan(1.5);
    assertThat(cautious).isGreaterThan(0).isLessThan(bold * 0.6);
  }
}
