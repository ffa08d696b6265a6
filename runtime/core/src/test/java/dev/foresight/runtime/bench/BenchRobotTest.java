package dev.foresight.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BenchRobotTest {

  /** The benchmark must measure a healthy robot: it holds its target and never trips a safety check. */
  @ParameterizedTest
  @EnumSource(value = BenchRobot.PlannerMode.class, names = {"NONE", "INLINE"})
  void theBenchmarkRobotHoldsItsTargetWithoutTrippingTheSupervisor(BenchRobot.PlannerMode mode) throws Exception {
    SteppedClock clock = new SteppedClock();
    try (Robot robot = BenchRobot.assemble(1000, mode, 0, -1, clock)) {
      robot.safety().arm("test");
      for (int i = 1; i <= 5000; i++) {
        clock.advance(1_000_000L);
        robot.loop().doWork(clock.nanoTime());
      }
      var frame = robot.loop().newFrame();
      robot.loop().snapshot().read(frame);
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(frame.faults).isZero();
      assertThat(frame.state[0]).as("theta near its 0.5 rad target").isCloseTo(0.5, within(0.1));
    }
  }
}
