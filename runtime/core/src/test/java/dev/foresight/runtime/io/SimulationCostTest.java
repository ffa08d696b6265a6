package dev.foresight.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Rig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's cost reaches the loop through the {@link Simulation} the composition root finds,
 * not through {@link RobotIo}: each tick's frame carries the plant's cost of that tick's step in
 * simulation (with or without devices), and NaN on any other I/O.
 */
class SimulationCostTest {

  private static TickFrame tick(Robot robot, int ticks) {
    for (int t = 1; t <= ticks; t++) robot.loop().doWork(t * robot.runner().periodNs());
    TickFrame frame = robot.loop().newFrame();
    robot.loop().snapshot().read(frame);
    return frame;
  }

  @Test
  void eachFrameCarriesThePlantsCostOfItsStep() throws Exception {
    for (String example : new String[] {"pendulum-gym.yaml", "pendulum-sim.yaml"}) {
      try (Robot robot = Robot.assemble(TestConfigs.example(example), new SteppedClock())) {
        Simulation simulation = (Simulation) robot.io();
        assertThat(simulation.lastCost()).as("%s before the first step", example).isNaN();
        TickFrame frame = tick(robot, 5);
        // Pendulum-v1's reward is minus a sum of squares, so its cost is positive hanging down.
        assertThat(frame.cost).as(example).isEqualTo(simulation.lastCost()).isPositive();
        assertThat(robot.simulation()).isPresent();
      }
    }
  }

  @Test
  void anIoThatIsNoSimulationHasNoCost(@TempDir Path dir) throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      assertThat(rig.ticks(3).cost).isNaN();
      assertThat(rig.robot.simulation()).isEmpty();
    }
  }
}
