package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.Allocations;
import dev.foresight.models.control.PlanFailedException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.NanModels;
import dev.foresight.models.world.OnnxWorldModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MPPI and CEM on ONNX world models that predict NaN (always, or only where theta > 0), through both
 * rollout paths: no valid sample is a failed plan (never an average of invalid samples), and invalid
 * samples get no weight when some are valid.
 */
class InvalidRolloutsTest {

  static final int K = 128;
  static final int H = 12;
  static final List<String> MODES = List.of("mppi fused", "mppi stepwise", "cem fused", "cem stepwise");

  /** Cost pulls theta towards +1, into the NaN region of {@code nanAbove(0, 0)}; theta_dot is weighed by nothing. */
  static RobotConfig pendulum(String type) {
    return Fixtures.robot("""
        [{name: theta, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]""",
        "[{name: torque, min: -2, max: 2, target: plant.torque}]",
        "{type: " + type + ", world_model: simulator, samples: " + K + ", horizon: " + H + ", iterations: 3, cost: ["
            + "{type: track, variable: theta, target: 1, weight: 1}, {type: action, variable: torque, weight: 0.001}]}");
  }

  static SamplingPlanner planner(String mode, ModelProto model) {
    RobotConfig config = pendulum(mode.split(" ")[0]);
    var p = Fixtures.planner(config);
    CostFunction cost = CostFunction.of(p.cost(), config);
    byte[] world = model.toByteArray();
    Rollouts rollouts = mode.endsWith("fused")
        ? Planners.fused(world, null, cost, H, K, 0, SessionSettings.DEFAULT, "nan")
        : new StepwiseRollouts(new OnnxWorldModel(ModelSession.open(world, "nan", SessionSettings.DEFAULT), K), cost,
            null, 0, H, "stepwise");
    return Planners.create(p, config, rollouts, new Fixtures.SteppingClock(1));
  }

  @Test
  void aModelThatAlwaysPredictsNanInAVariableNoCostWeighsFailsEveryPlan() {
    for (String mode : MODES) {
      try (SamplingPlanner planner = planner(mode, NanModels.alwaysNan(1))) {
        assertThatThrownBy(() -> planner.plan(new double[] {-0.5, 0}, Long.MAX_VALUE)).as(mode)
            .isInstanceOf(PlanFailedException.class)
            .hasToString(mode.split(" ")[0] + ": no valid sample (all 128 rollouts predicted NaN or infinity);"
                + " the world model is broken here");
        double[] plan = new double[H];
        planner.copyPlan(plan);
        assertThat(plan).as(mode + ": the plan stays the reset one").containsOnly(0.0);
      }
    }
  }

  @Test
  void noValidSampleFromAStateInTheNanRegionFailsThePlanAndKeepsThePreviousOne() {
    for (String mode : MODES) {
      try (SamplingPlanner planner = planner(mode, NanModels.nanAbove(0, 0f))) {
        planner.plan(new double[] {-0.5, 0}, Long.MAX_VALUE);
        double[] before = new double[H];
        planner.copyPlan(before);
        assertThat(before[0]).as(mode + ": a real plan first, pushing theta up").isGreaterThan(0.5);
        assertThatThrownBy(() -> planner.plan(new double[] {0.2, 0}, Long.MAX_VALUE)).as(mode)
            .isInstanceOf(PlanFailedException.class).hasMessageContaining("no valid sample");
        double[] after = new double[H];
        planner.copyPlan(after);
        assertThat(after).as(mode).containsExactly(before);
      }
    }
  }

  /**
   * From theta = -0.3 the cost pulls theta to +1 but every rollout that crosses 0 is NaN. The model
   * is linear, so a plan built only from valid samples (MPPI's weighted average, CEM's best) keeps
   * theta <= 0 in every state the model predicts from (all but the last predicted state, which may
   * cross: nothing is predicted from it); one that averaged invalid samples in would cross.
   */
  @Test
  void partlyInvalidSamplesGetNoWeightSoThePlanStaysInTheValidRegion() {
    for (String mode : MODES) {
      try (SamplingPlanner planner = planner(mode, NanModels.nanAbove(0, 0f))) {
        double theta = -0.3;
        double[] action = new double[1];
        double[] plan = new double[H];
        for (int tick = 0; tick < 30; tick++) {
          planner.plan(new double[] {theta, 0}, Long.MAX_VALUE);
          planner.copyPlan(plan);
          double x = theta;
          for (int t = 0; t < H - 1; t++) {
            x += 0.05f * (float) plan[t];
            assertThat(x).as("%s tick %d step %d", mode, tick, t).isLessThanOrEqualTo(1e-5);
          }
          planner.firstAction(action);
          planner.shift(1);
          theta += 0.05f * (float) action[0];
        }
        assertThat(theta).as(mode + ": closes in on the edge of the valid region").isBetween(-0.1, 1e-5);
      }
    }
  }

  @Test
  void aFailedPlanAllocatesNothingOnceWarm() {
    for (String mode : MODES) {
      try (SamplingPlanner planner = planner(mode, NanModels.alwaysNan(0))) {
        double[] state = {-0.5, 0};
        Runnable failing = () -> {
          try {
            planner.plan(state, Long.MAX_VALUE);
            throw new AssertionError(mode + ": the plan should have failed");
          } catch (PlanFailedException expected) {
            // the preallocated failure
          }
        };
        for (int i = 0; i < 1000; i++) failing.run();
        assertThat(Allocations.steadyState(200, failing)).as(mode + ": bytes allocated by 200 failed plans").isZero();
      }
    }
  }
}
