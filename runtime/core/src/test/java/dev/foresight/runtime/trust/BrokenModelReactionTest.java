package dev.foresight.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.FaultClass;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A world model that predicts NaN (always, or only in part of the state space) makes the robot safe
 * within one tick of its first NaN prediction, whatever the planner does with it. The demo's config
 * (MPPI on a learned model, no fallback controller): the planner's ladder stops it at once. The
 * planner itself fails first when it has no valid sample (PlannerFailureReactionTest); the trust
 * monitor's verdict comes on the next tick.
 */
class BrokenModelReactionTest {

  @TempDir Path dir;

  LoadedConfig demoWith(Path model) throws IOException {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replace("../../models/pendulum/pendulum-int8.onnx", model.toString())
        // The broken model is one network, not an ensemble: the demo's planning member does not apply.
        .replaceAll("(?m)^  planning_member: .*\n", "")
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("  initial_state: [3.14159, 0.0]", "  paced: false\n  initial_state: [3.14159, 0.0]");
    return TestConfigs.write(dir, yaml);
  }

  @Test
  @FaultCell(fault = "planner_error", reaction = "world model predicts NaN: safe stop", ticks = "1 (safe stop on the first tick; the monitor alarms on the second)")
  void aModelThatAlwaysPredictsNanStopsTheRobotOnTheFirstTickAndTheMonitorSeesItOnTheSecond() throws Exception {
    try (Robot robot = Robot.assemble(demoWith(BrokenModels.alwaysNan(dir)), new SteppedClock(0))) {
      robot.safety().arm("test");
      TickFrame f = robot.loop().newFrame();
      robot.loop().doWork(robot.runner().periodNs());
      robot.loop().snapshot().read(f);
      assertThat(f.trustAlarm).as("tick 1: the first prediction is made, nothing to compare yet").isFalse();
      assertThat(f.mode).as("tick 1: MPPI has no valid sample").isEqualTo(Mode.SAFE_STOP);
      robot.loop().doWork(2 * robot.runner().periodNs());
      robot.loop().snapshot().read(f);
      assertThat(f.predictionValid).isTrue();
      assertThat(f.trustAlarm).isTrue();
      assertThat(f.trustChannel).isEqualTo("theta_dot");
      assertThat(f.mode).isEqualTo(Mode.SAFE_STOP);
      assertThat(robot.safety().stopCause()).isEqualTo(Cause.PLANNER_ERROR);
      assertThat(f.faults & (1 << FaultClass.PLANNER_ERROR.ordinal())).isNotZero();
      assertThat(f.applied).containsExactly(0.0);
    }
  }

  @Test
  void aModelThatPredictsNanOnlyInPartOfTheStateSpaceStopsTheRobotWithinOneTickOfGoingThere() throws Exception {
    try (Robot robot = Robot.assemble(demoWith(BrokenModels.nanBelow(dir, -0.05f)), new SteppedClock(0))) {
      robot.safety().arm("test");
      TickFrame f = robot.loop().newFrame();
      long entered = -1;
      for (int tick = 1; tick <= 400 && (f.mode == Mode.ARMED || tick == 1); tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        robot.loop().snapshot().read(f);
        if (entered < 0 && f.state[1] < -0.05) entered = f.tick;
        if (entered < 0) assertThat(f.mode).as("tick %d, theta_dot %.3f", f.tick, f.state[1]).isEqualTo(Mode.ARMED);
      }
      assertThat(entered).as("the pendulum moved with theta_dot below -0.05").isPositive();
      assertThat(f.mode).isEqualTo(Mode.SAFE_STOP);
      assertThat(f.tick).as("stopped by the tick after the first state in the NaN region (the planner: on it)")
          .isBetween(entered, entered + 1);
      assertThat(robot.safety().stopCause()).isEqualTo(Cause.PLANNER_ERROR);
    }
  }
}
