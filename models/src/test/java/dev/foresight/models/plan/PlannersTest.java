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
}
