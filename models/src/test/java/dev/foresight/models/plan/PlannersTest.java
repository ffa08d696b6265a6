package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.OnnxGraph;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannersTest {

  @TempDir
  Path dir;

  static final String ROBOT = """
      robot: {id: p}
      loop: {rate_hz: 20}
      sim: {plant: pendulum}
      state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
      action: [{name: torque, min: -2, max: 2, target: plant.torque}]
      """;

  private LoadedConfig write(String yaml) throws Exception {
    Path file = dir.resolve("robot.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file);
  }

  @Test
  void buildsAPlannerFromConfigWithTheModelAndValueFilesBesideIt() throws Exception {
    Files.write(dir.resolve("world.onnx"), TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.INT8).toByteArray());
    Mlp v = Mlp.random(new int[] {2, 8, 1}, Mlp.Activation.TANH, 3, 1);
    Files.write(dir.resolve("value.onnx"), MlpExport.valueModel(v, new float[2], new float[] {1, 1}, 0, 1,
        TestModels.pendulumMetadata(), MlpExport.Quantization.FP32).toByteArray());
    LoadedConfig loaded = write(ROBOT + """
        model: {file: world.onnx, value_file: value.onnx}
        controller: {type: cem, samples: 64, horizon: 8, elites: 8, cost: [{type: track, variable: theta}]}
        """);
    try (SamplingPlanner planner = Planners.create(loaded, new Fixtures.SteppingClock(1), b -> {
      throw new AssertionError("the simulator is not asked for");
    })) {
      assertThat(planner.name()).isEqualTo("cem");
      assertThat(planner.rollouts().description()).startsWith("fused onnx");
      double[] u = new double[1];
      planner.compute(new double[] {3.0, 0.0}, u);
      assertThat(u[0]).isBetween(-2.0, 2.0);
    }
  }

  @Test
  void aModelThatCannotBeFusedRunsStepwiseUnlessFusedWasAskedFor() throws Exception {
    OnnxGraph g = new OnnxGraph("old");
    String s = g.input("state", OnnxGraph.FLOAT, "N", 2L);
    String a = g.input("action", OnnxGraph.FLOAT, "N", 1L);
    g.output(g.node("Add", s, a), "next_state", OnnxGraph.FLOAT, "N", 2L);
    Path file = Files.write(dir.resolve("old.onnx"), g.toModel(10, TestModels.pendulumMetadata().toMap()).toByteArray());
    RobotConfig auto = Fixtures.robot("[{name: theta, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]",
        "[{name: torque, min: -2, max: 2, target: plant.torque}]",
        "{type: mppi, world_model: simulator, samples: 16, horizon: 4, cost: [{type: track, variable: theta}]}");
    var p = Fixtures.planner(auto);
    try (Rollouts rollouts = Planners.onnx(file, null, SessionSettings.DEFAULT, auto, CostFunction.of(p.cost(), auto), p)) {
      assertThat(rollouts.description()).startsWith("stepwise onnx");
    }
    RobotConfig fused = Fixtures.robot("[{name: theta, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]",
        "[{name: torque, min: -2, max: 2, target: plant.torque}]",
        "{type: mppi, world_model: simulator, rollout: fused, samples: 16, horizon: 4, cost: [{type: track, variable: theta}]}");
    var q = Fixtures.planner(fused);
    assertThatThrownBy(() -> Planners.onnx(file, null, SessionSettings.DEFAULT, fused, CostFunction.of(q.cost(), fused), q))
        .isInstanceOf(ModelException.class)
        .hasMessage(file + ": cannot build the fused rollout graph (the world model uses opset 10; fusing needs 11+); "
            + "use rollout: stepwise");
  }

  @Test
  void aValueModelForOtherVariablesIsRefusedBeforePlanning() throws Exception {
    Files.write(dir.resolve("world.onnx"), TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.FP32).toByteArray());
    Mlp v = Mlp.random(new int[] {2, 8, 1}, Mlp.Activation.TANH, 3, 1);
    var other = new dev.foresight.models.world.WorldModelMetadata(1, List.of("angle", "rate"), List.of("torque"), 0.05,
        "fp32", "", "t");
    Files.write(dir.resolve("value.onnx"), MlpExport.valueModel(v, new float[2], new float[] {1, 1}, 0, 1, other,
        MlpExport.Quantization.FP32).toByteArray());
    LoadedConfig loaded = write(ROBOT + """
        model: {file: world.onnx, value_file: value.onnx}
        controller: {type: mppi, samples: 16, horizon: 4, cost: [{type: track, variable: theta}]}
        """);
    assertThatThrownBy(() -> Planners.create(loaded, new Fixtures.SteppingClock(1), b -> null))
        .isInstanceOf(ModelException.class)
        .hasMessageEndingWith("value.onnx: the model's state variables [angle, rate] (foresight.state_names) do not match "
            + "the config's [theta, theta_dot]; rename them in the config or export the model again");
  }

  /** The five-member fp32 ensemble beside a config planning on it as {@code model} and {@code controller} say. */
  private LoadedConfig ensembleRobot(String model, String controller) throws Exception {
    Files.write(dir.resolve("ensemble.onnx"),
        TestModels.pendulum(5, Mlp.Activation.TANH, MlpExport.Quantization.FP32).toByteArray());
    return write(ROBOT + "model: {file: ensemble.onnx" + model + "}\n" + "controller: {type: mppi, samples: 50, horizon: 6, "
        + controller + "cost: [{type: track, variable: theta}, {type: track, variable: theta_dot, weight: 0.1}]}\n");
  }

  private static float[] costs(SamplingPlanner planner, float[] actions) {
    float[] cost = new float[50];
    planner.rollouts().evaluate(new float[] {2.5f, -1f}, new float[] {0.3f}, actions, cost);
    return cost;
  }

  /**
   * With model.planning_member: m the planner's sample k costs exactly what it costs following member
   * m in the ensemble (ensemble: members, where sample k follows member k mod 5), fused and stepwise.
   */
  @Test
  void aPlanningMemberRollsOutExactlyAsThatMemberOfTheEnsemble() throws Exception {
    float[] actions = new float[6 * 50];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < actions.length; i++) actions[i] = (float) (random.nextDouble() * 4 - 2);
    for (String rollout : List.of("fused", "stepwise")) {
      float[] ensemble;
      try (SamplingPlanner all = Planners.create(ensembleRobot("", "ensemble: members, rollout: " + rollout + ", "),
          new Fixtures.SteppingClock(1), b -> null)) {
        ensemble = costs(all, actions);
      }
      for (int m : new int[] {0, 2}) {
        try (SamplingPlanner one = Planners.create(ensembleRobot(", planning_member: " + m,
            "ensemble: mean, rollout: " + rollout + ", "), new Fixtures.SteppingClock(1), b -> null)) {
          assertThat(one.rollouts().description()).startsWith(rollout).endsWith(" on member " + m);
          float[] member = costs(one, actions);
          for (int k = m; k < 50; k += 5) {
            assertThat(member[k]).as(rollout + " member " + m + " sample " + k)
                .isCloseTo(ensemble[k], org.assertj.core.data.Percentage.withPercentage(1e-3));
          }
          // ...and not what the ensemble's other members or their mean would give.
          assertThat(member[m + 1]).isNotCloseTo(ensemble[m + 1], org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
      }
    }
  }

  @Test
  void aPlanningMemberBeyondTheEnsembleIsRefusedWithTheKeyTheValueAndTheCount() throws Exception {
    LoadedConfig loaded = ensembleRobot(", planning_member: 5", "");
    assertThatThrownBy(() -> Planners.create(loaded, new Fixtures.SteppingClock(1), b -> null))
        .isInstanceOf(ModelException.class)
        .hasMessage(dir.resolve("ensemble.onnx") + ": model.planning_member: 5 is not a member of this ensemble of 5 "
            + "(members are 0..4)");
  }

  @Test
  void plansOnAPlanningMemberAllocateNothingOnceWarmFusedAndStepwise() throws Exception {
    for (String rollout : List.of("fused", "stepwise")) {
      try (SamplingPlanner planner = Planners.create(ensembleRobot(", planning_member: 1", "rollout: " + rollout + ", "),
          new Fixtures.SteppingClock(1), b -> null)) {
        double[] state = {3.0, 0.0};
        double[] action = new double[1];
        for (int i = 0; i < 1000; i++) planner.compute(state, action);
        long allocated = dev.foresight.models.Allocations.steadyState(200, () -> {
          planner.plan(state, Long.MAX_VALUE);
          planner.firstAction(action);
          planner.shift(1);
        });
        assertThat(allocated).as(rollout + ": bytes allocated by 200 plans on member 1").isZero();
      }
    }
  }
}
