package dev.foresight.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.time.SteppedClock;
import org.junit.jupiter.api.Test;

class LoopRunnerTest {

  @Test
  void runsExactlyOneTickPerPeriodForTheDuration() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"),
        new SteppedClock())) {
      robot.runner().start(2_000_000_000L);   // 2 s at 20 Hz
      assertThat(robot.runner().awaitStop(10_000)).isTrue();
      assertThat(robot.loop().metrics().ticks()).isEqualTo(40);
      assertThat(robot.loop().metrics().overruns()).isZero();
      assertThat(robot.loop().metrics().snapshot().periodErrorUs().max()).isZero();
    }
  }

  @Test
  void stopEndsTheThreadAndLeavesItStopped() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"))) {   // real time
      robot.runner().start(Long.MAX_VALUE);
      Thread.sleep(200);
      robot.runner().stop();
      assertThat(robot.runner().running()).isFalse();
      long ticks = robot.loop().metrics().ticks();
      assertThat(ticks).isBetween(1L, 10L);
      Thread.sleep(150);
      assertThat(robot.loop().metrics().ticks()).isEqualTo(ticks);
    }
  }
}
