package dev.foresight.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.FaultClass;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.runtime.trust.BrokenModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MPPI and CEM (inline, the demo's config with no fallback controller) on a world model that predicts
 * NaN: a plan with no valid sample fails, and the failure reaches the planner's ladder on the same
 * tick (planner_error, safe stop), before the trust monitor has a prediction to compare.
 */
class PlannerFailureReactionTest {

  @TempDir Path dir;

  LoadedConfig demoWith(String planner, Path model) throws IOException {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replace("../../models/pendulum/pendulum-int8.onnx", model.toString())
        // The broken model is one network, not an ensemble: the demo's planning member does not apply.
        .replaceAll("(?m)^  planning_member: .*\n", "")
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("  initial_state: [3.14159, 0.0]", "  paced: false\n  initial_state: [3.14159, 0.0]");
    if (planner.equals("cem")) yaml = yaml.replace("type: mppi", "type: cem").replace("  temperature: 0.5\n", "");
    return TestConfigs.write(dir, yaml);
  }

  /** The first planner_error fault event so far. */
  static Event plannerFault(Robot robot) {
    List<Event> seen = new ArrayList<>();
    robot.events().subscribeFromOldest().poll(seen::add, Integer.MAX_VALUE);
    return seen.stream().filter(e -> e.kind() == EventKind.FAULT && e.cause() == Cause.PLANNER_ERROR).findFirst()
        .orElseThrow(() -> new AssertionError("no planner_error fault in " + seen));
  }

  @Test
  void noValidSampleIsAPlannerErrorOnTheFirstTickForMppiAndCem() throws Exception {
    for (String planner : List.of("mppi", "cem")) {
      try (Robot robot = Robot.assemble(demoWith(planner, BrokenModels.alwaysNan(dir)), new SteppedClock(0))) {
        assertThat(robot.loop().plan().name()).isEqualTo(planner);
        robot.safety().arm("test");
        TickFrame f = robot.loop().newFrame();
        robot.loop().doWork(robot.runner().periodNs());
        robot.loop().snapshot().read(f);
        assertThat(f.tick).isEqualTo(1);
        assertThat(f.mode).as(planner).isEqualTo(Mode.SAFE_STOP);
        assertThat(f.faults & (1 << FaultClass.PLANNER_ERROR.ordinal())).as(planner).isNotZero();
        assertThat(f.applied).as(planner + ": the safe torque").containsExactly(0.0);
        assertThat(robot.safety().stopCause()).isEqualTo(Cause.PLANNER_ERROR);
        assertThat(plannerFault(robot).detail()).isEqualTo(planner
            + ": no valid sample (all 256 rollouts predicted NaN or infinity); the world model is broken here");
      }
    }
  }

  /**
   * Asynchronous planning: the planner thread's failed plan (one duty cycle, run here in step) is
   * reported by the next tick, which stops the robot.
   */
  @Test
  void anAsyncPlannerWithNoValidSampleStopsTheRobotOnTheTickAfterItsFailedPlan() throws Exception {
    LoadedConfig async = TestConfigs.write(dir, Files.readString(demoWith("mppi", BrokenModels.alwaysNan(dir)).file())
        .replace("  rate_hz: 20 ", "  planning: async\n  rate_hz: 20 "));
    try (Robot robot = Robot.assemble(async, new SteppedClock(0))) {
      AsyncPlanning stage = (AsyncPlanning) robot.loop().plan();
      robot.safety().arm("test");
      TickFrame f = robot.loop().newFrame();
      long period = robot.runner().periodNs();
      robot.loop().doWork(period);
      robot.loop().snapshot().read(f);
      assertThat(f.mode).as("tick 1: no plan yet, the safe torque").isEqualTo(Mode.ARMED);
      assertThat(stage.doWork(period)).as("the planner thread plans from tick 1's state").isEqualTo(1);
      robot.loop().doWork(2 * period);
      robot.loop().snapshot().read(f);
      assertThat(f.mode).isEqualTo(Mode.SAFE_STOP);
      assertThat(robot.safety().stopCause()).isEqualTo(Cause.PLANNER_ERROR);
      assertThat(plannerFault(robot).detail()).startsWith("mppi: no valid sample");
    }
  }

  /**
   * A model that predicts NaN only where theta_dot < -0.05: while some rollouts stay out of that
   * region the planner plans on those (invalid ones get no weight) and the robot stays armed; it
   * stops no later than the tick its state enters the region (every rollout from there is NaN at
   * its first step). MPPI's swing-up goes there (tick 18); CEM's keeps out of it for 400 ticks.
   */
  @Test
  void aModelThatIsNanInPartOfTheStateSpaceStopsTheRobotByTheTickItGetsThereAndNotBefore() throws Exception {
    for (String planner : List.of("mppi", "cem")) {
      try (Robot robot = Robot.assemble(demoWith(planner, BrokenModels.nanBelow(dir, -0.05f)), new SteppedClock(0))) {
        robot.safety().arm("test");
        TickFrame f = robot.loop().newFrame();
        long stopped = -1;
        long entered = -1;
        for (int tick = 1; tick <= 400 && entered < 0; tick++) {
          robot.loop().doWork(tick * robot.runner().periodNs());
          robot.loop().snapshot().read(f);
          if (stopped < 0 && f.mode != Mode.ARMED) stopped = f.tick;
          if (f.state[1] < -0.05) entered = f.tick;
        }
        if (planner.equals("mppi")) assertThat(entered).as("mppi swings through theta_dot < -0.05").isPositive();
        if (entered < 0) {
          assertThat(stopped).as(planner + ": never in the NaN region, never stopped").isNegative();
          assertThat(f.tick).isEqualTo(400);
          continue;
        }
        assertThat(stopped).as(planner + ": stopped at or before the tick the state entered the NaN region")
            .isPositive().isLessThanOrEqualTo(entered);
        assertThat(robot.safety().stopCause()).isEqualTo(Cause.PLANNER_ERROR);
        assertThat(plannerFault(robot).detail()).startsWith(planner + ": no valid sample");
      }
    }
  }
}
