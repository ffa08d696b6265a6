package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.Allocations;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.OnnxValueModel;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.TestModels;
import dev.foresight.models.world.WorldModelMetadata;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RolloutsTest {

  static final int K = 128;
  static final int H = 12;

  static RobotConfig pendulum(String extraCost) {
    return pendulum("mppi", extraCost);
  }

  static RobotConfig pendulum(String type, String extraCost) {
    return Fixtures.robot("""
        [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]""",
        "[{name: torque, min: -2, max: 2, target: plant.torque}]",
        "{type: " + type + ", world_model: simulator, samples: " + K + ", horizon: " + H + ", cost: ["
            + "{type: track, variable: theta, weight: 1, terminal_weight: 3}, {type: track, variable: theta_dot, target: 0.5, weight: 0.1},"
            + "{type: action, variable: torque, weight: 0.01}, {type: action_rate, variable: torque, weight: 0.2},"
            + "{type: soft_bound, variable: theta_dot, min: -1, max: 1, weight: 5},"
            + "{type: soft_bound, variable: torque, max: 1, weight: 2}" + extraCost + "]}");
  }

  static float[] randomActions(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] actions = new float[H * K];
    for (int i = 0; i < actions.length; i++) actions[i] = (float) random.nextDouble(-2, 2);
    return actions;
  }

  static ModelProto valueModel() {
    Mlp mlp = Mlp.random(new int[] {2, 16, 1}, Mlp.Activation.TANH, 5, 1);
    return MlpExport.valueModel(mlp, new float[2], new float[] {2, 4}, -10, 3, TestModels.pendulumMetadata(),
        MlpExport.Quantization.FP32);
  }

  /** The fused graph and the Java cost agree on every sample: wrap, terminal, effort, rate, bounds, value. */
  @Test
  void fusedGraphAndStepwiseRolloutsGiveTheSameCosts() {
    RobotConfig config = pendulum("");
    CostFunction cost = CostFunction.of(Fixtures.planner(config).cost(), config);
    byte[] world = TestModels.pendulum(1, Mlp.Activation.TANH, MlpExport.Quantization.FP32).toByteArray();
    byte[] value = valueModel().toByteArray();
    float[] state = {3.0f, -0.7f};
    float[] last = {0.4f};
    float[] actions = randomActions(1);
    float[] stepwise = new float[K];
    float[] fused = new float[K];
    ModelSession w = ModelSession.open(world, "w", SessionSettings.DEFAULT);
    ModelSession v = ModelSession.open(value, "v", SessionSettings.DEFAULT);
    try (Rollouts s = new StepwiseRollouts(new OnnxWorldModel(w, K), cost, new OnnxValueModel(v, K), 0.5, H, "stepwise");
         Rollouts f = Planners.fused(world, value, cost, H, K, 0.5, SessionSettings.DEFAULT, "w")) {
      s.evaluate(state, last, actions, stepwise);
      f.evaluate(state, last, actions, fused);
    } finally {
      w.close();
      v.close();
    }
    for (int k = 0; k < K; k++) {
      assertThat(fused[k]).as("sample " + k).isCloseTo(stepwise[k], org.assertj.core.data.Percentage.withPercentage(0.01));
    }
    assertThat(stepwise).as("costs differ between samples").doesNotHaveDuplicates();
  }

  @Test
  void fusedAndStepwiseAgreeForAOneStepHorizonOnAnEnsemble() {
    RobotConfig config = pendulum(", {type: disagreement, weight: 3}");
    CostFunction cost = CostFunction.of(Fixtures.planner(config).cost(), config);
    byte[] world = TestModels.pendulum(3, Mlp.Activation.SILU, MlpExport.Quantization.FP32).toByteArray();
    float[] state = {-2.5f, 1.5f};
    float[] last = {-0.3f};
    float[] actions = java.util.Arrays.copyOf(randomActions(4), K);
    float[] stepwise = new float[K];
    float[] fused = new float[K];
    ModelSession w = ModelSession.open(world, "w", SessionSettings.DEFAULT);
    try (Rollouts s = new StepwiseRollouts(new OnnxWorldModel(w, K), cost, null, 0, 1, "stepwise");
         Rollouts f = Planners.fused(world, null, cost, 1, K, 0, SessionSettings.DEFAULT, "w")) {
      s.evaluate(state, last, actions, stepwise);
      f.evaluate(state, last, actions, fused);
    } finally {
      w.close();
    }
    for (int k = 0; k < K; k++) {
      assertThat(fused[k]).as("sample " + k).isCloseTo(stepwise[k], org.assertj.core.data.Percentage.withPercentage(0.01));
    }
  }

  /** With ensemble: mean every sample follows the members' mean; the members still feed the disagreement term. */
  @Test
  void withEnsembleMeanEverySampleFollowsTheMembersMean() {
    RobotConfig config = Fixtures.robot("[{name: x, source: plant.theta}]", "[{name: u, min: -2, max: 2, target: plant.torque}]",
        "{type: mppi, world_model: simulator, cost: [{type: track, variable: x, weight: 1}, {type: disagreement, weight: 10}]}");
    float[] w = {0.1f, 0.5f};
    ModelProto ensemble = TestModels.linear(List.of("x"), List.of("u"), 0.05, w, 2, 0.4f);
    CostFunction cost = CostFunction.of(Fixtures.planner(config).cost(), config);
    float[] actions = new float[H * K];
    java.util.Arrays.fill(actions, 1f);
    float[] stepwise = new float[K];
    float[] fused = new float[K];
    ModelSession m = ModelSession.open(ensemble.toByteArray(), "e", SessionSettings.DEFAULT);
    try (Rollouts s = new StepwiseRollouts(new OnnxWorldModel(m, K), cost, null, 0, H, "stepwise", false);
         Rollouts f = Planners.fused(ensemble.toByteArray(), null, cost, H, K, 0, SessionSettings.DEFAULT, "e",
             dev.foresight.config.control.EnsembleMode.MEAN)) {
      s.evaluate(new float[] {1f}, new float[] {0f}, actions, stepwise);
      f.evaluate(new float[] {1f}, new float[] {0f}, actions, fused);
    } finally {
      m.close();
    }
    double x = 1;
    double expected = 0;
    for (int t = 0; t < H; t++) {
      double[] p = new double[2];
      for (int q = 0; q < 2; q++) p[q] = x + (1 + 0.4 * (q - 0.5)) * (0.1 * x + 0.5);
      double mean = (p[0] + p[1]) / 2;
      double var = ((p[0] - mean) * (p[0] - mean) + (p[1] - mean) * (p[1] - mean)) / 2;
      x = mean;
      expected += x * x + 10 * var;
    }
    for (int k = 0; k < K; k++) {
      assertThat((double) stepwise[k]).as("stepwise sample " + k).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.01));
      assertThat((double) fused[k]).as("fused sample " + k).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.01));
    }
  }

  /** Sample k follows member k mod E for the whole horizon; the variance feeds the disagreement term. */
  @Test
  void eachSampleFollowsOneEnsembleMemberAndDisagreementIsCharged() {
    RobotConfig config = Fixtures.robot("[{name: x, source: plant.theta}]", "[{name: u, min: -2, max: 2, target: plant.torque}]",
        "{type: mppi, world_model: simulator, cost: [{type: track, variable: x, weight: 1}, {type: disagreement, weight: 10}]}");
    // x' = x + 0.1 x + 0.5 u, scaled per member by 1 +- 0.2: members 0.8x and 1.2x of the step.
    float[] w = {0.1f, 0.5f};
    ModelProto ensemble = TestModels.linear(List.of("x"), List.of("u"), 0.05, w, 2, 0.4f);
    CostFunction cost = CostFunction.of(Fixtures.planner(config).cost(), config);
    float[] actions = new float[H * K];
    java.util.Arrays.fill(actions, 1f);
    float[] stepwise = new float[K];
    float[] fused = new float[K];
    ModelSession m = ModelSession.open(ensemble.toByteArray(), "e", SessionSettings.DEFAULT);
    try (Rollouts s = new StepwiseRollouts(new OnnxWorldModel(m, K), cost, null, 0, H, "stepwise");
         Rollouts f = Planners.fused(ensemble.toByteArray(), null, cost, H, K, 0, SessionSettings.DEFAULT, "e")) {
      s.evaluate(new float[] {1f}, new float[] {0f}, actions, stepwise);
      f.evaluate(new float[] {1f}, new float[] {0f}, actions, fused);
    } finally {
      m.close();
    }
    for (int member = 0; member < 2; member++) {
      // Disagreement is the one-step spread of the members' predictions from the state the sample is in.
      double x = 1;
      double expected = 0;
      for (int t = 0; t < H; t++) {
        double[] p = new double[2];
        for (int q = 0; q < 2; q++) p[q] = x + (1 + 0.4 * (q - 0.5)) * (0.1 * x + 0.5);
        double mean = (p[0] + p[1]) / 2;
        double var = ((p[0] - mean) * (p[0] - mean) + (p[1] - mean) * (p[1] - mean)) / 2;
        x = p[member];
        expected += x * x + 10 * var;
      }
      for (int k = member; k < K; k += 2) {
        assertThat((double) stepwise[k]).as("stepwise sample " + k).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat((double) fused[k]).as("fused sample " + k).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.01));
      }
    }
  }

  @Test
  void fullMppiAndCemPlansOnOnnxAllocateNothingOnceWarmFusedAndStepwise() {
    for (String mode : List.of("mppi fused", "mppi stepwise", "cem fused", "cem stepwise")) {
      RobotConfig config = pendulum(mode.split(" ")[0], "");
      var p = Fixtures.planner(config);
      CostFunction cost = CostFunction.of(p.cost(), config);
      byte[] world = TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.INT8).toByteArray();
      Rollouts rollouts = mode.endsWith("fused")
          ? Planners.fused(world, null, cost, H, K, 0, SessionSettings.DEFAULT, "w")
          : new StepwiseRollouts(new OnnxWorldModel(ModelSession.open(world, "w", SessionSettings.DEFAULT), K), cost,
              null, 0, H, "stepwise");
      try (SamplingPlanner planner = Planners.create(p, config, rollouts, new Fixtures.SteppingClock(1))) {
        double[] state = {3.0, 0.0};
        double[] action = new double[1];
        // Warm-up until C2 has compiled the path (interpreted code allocates what C2 scalar-replaces).
        for (int i = 0; i < 1000; i++) planner.compute(state, action);
        long allocated = Allocations.steadyState(200, () -> {
          planner.plan(state, Long.MAX_VALUE);
          planner.firstAction(action);
          planner.shift(1);
        });
        assertThat(allocated).as(mode + ": bytes allocated by 200 plans").isZero();
      }
    }
  }

  @Test
  void theFusedGraphIsOptimizedOnceWhenACacheFolderIsSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    RobotConfig config = pendulum("");
    CostFunction cost = CostFunction.of(Fixtures.planner(config).cost(), config);
    byte[] world = TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.FP32).toByteArray();
    float[] state = {-2.5f, 1.5f};
    float[] last = {-0.3f};
    float[] actions = randomActions(5);
    float[] plain = new float[K];
    float[] first = new float[K];
    float[] cached = new float[K];
    try (Rollouts f = Planners.fused(world, null, cost, H, K, 0, SessionSettings.DEFAULT, "w")) {
      f.evaluate(state, last, actions, plain);
    }
    assertThat(System.getProperty("foresight.cache")).isNull();
    System.setProperty("foresight.cache", dir.toString());
    try {
      try (Rollouts f = Planners.fused(world, null, cost, H, K, 0, SessionSettings.DEFAULT, "w")) {
        f.evaluate(state, last, actions, first);
      }
      List<java.nio.file.Path> files;
      try (var list = java.nio.file.Files.list(dir)) {
        files = list.toList();
      }
      assertThat(files).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("ort-"));
      java.nio.file.attribute.FileTime written = java.nio.file.Files.getLastModifiedTime(files.getFirst());
      try (Rollouts f = Planners.fused(world, null, cost, H, K, 0, SessionSettings.DEFAULT, "w")) {
        f.evaluate(state, last, actions, cached);
      }
      assertThat(java.nio.file.Files.getLastModifiedTime(files.getFirst())).as("read, not written again").isEqualTo(written);
    } finally {
      System.clearProperty("foresight.cache");
    }
    assertThat(first).containsExactly(plain);
    assertThat(cached).containsExactly(plain);
  }
}
