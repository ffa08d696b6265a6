package dev.foresight.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.examples.flywheel.control.SpeedController;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.sim.Plants;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The flywheel plant and the speed controller of docs/extending.md: a plant added from outside the
 * sim module (found through test resources' META-INF/services), run by its config's PID, then by
 * a controller given in code.
 */
class FlywheelTest {

  static final Path CONFIG = Path.of("src/test/resources/examples/flywheel.yaml");

  @Test
  void theNewPlantIsFoundByName() {
    assertThat(Plants.names()).contains("flywheel", "pendulum");
    assertThat(Plants.create("flywheel").spec().stateNames()).containsExactly("omega");
  }

  @Test
  void runHoldsTheConfiguredSpeedWithTheBuiltInPid() {
    CliRun.Result r = CliRun.run("run", "--config", CONFIG.toString(), "--duration", "3s", "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("flywheel from", "controller pid, armed", "300 ticks (3.0 s at 100 Hz), mode armed");
  }

  @Test
  void aControllerGivenInCodeTakesThePlanPhase() throws Exception {
    LoadedConfig loaded = ConfigLoader.load(CONFIG);
    SpeedController speed = new SpeedController(0, 0, 100.0, 0.05, 1.0, 1e-5, 0.5, 12.0);
    try (Robot robot = Robot.assembleWith(loaded, new SteppedClock(), speed)) {
      robot.safety().arm("test");
      for (int tick = 1; tick <= 200; tick++) robot.loop().doWork(tick * robot.runner().periodNs());
      TickFrame frame = robot.loop().newFrame();
      robot.loop().snapshot().read(frame);
      assertThat(robot.controller().name()).isEqualTo("flywheel-speed");
      assertThat(frame.state[0]).as("speed after 2 s, rad/s").isCloseTo(100.0, org.assertj.core.data.Offset.offset(1.0));
      assertThat(frame.cost).as("the plant's own cost: energy per step, J").isPositive();
    }
  }
}
