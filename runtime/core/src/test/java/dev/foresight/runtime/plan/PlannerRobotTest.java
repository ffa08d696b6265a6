package dev.foresight.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.Angles;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.models.world.MlpExport;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planners in the assembled robot: the example runs in the loop; a wrong model stops assembly. */
class PlannerRobotTest {

  @Test
  void theMppiExampleSwingsUpInTheControlLoop() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-mppi.yaml"), new SteppedClock())) {
      robot.safety().arm("test");
      double[] s = new double[2];
      double worstLast2s = 0;
      for (int tick = 1; tick <= 200; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        ((PlantIo) robot.io()).plant().state(s);
        if (tick > 160) worstLast2s = Math.max(worstLast2s, Math.abs(Angles.wrap(s[0])));
      }
      assertThat(worstLast2s).as("largest |angle| from upright over the last 2 s").isLessThan(0.1);
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }

  /** loop.planner_threads: 2 in the assembled robot: the rollouts run on two threads and the swing-up holds. */
  @Test
  void theMppiExampleSwingsUpWithItsRolloutsOnTwoThreads(@TempDir Path dir) throws Exception {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("rate_hz: 20 ", "rate_hz: 20\n  planner_threads: 2 ");
    try (Robot robot = Robot.assemble(TestConfigs.write(dir, yaml), new SteppedClock())) {
      assertThat(robot.config().loop().plannerThreads()).isEqualTo(2);
      assertThat(robot.controller()).isInstanceOfSatisfying(SamplingPlanner.class,
          p -> assertThat(p.rollouts().description()).isEqualTo("simulator x 2 threads"));
      robot.safety().arm("test");
      double[] s = new double[2];
      double worstLast2s = 0;
      for (int tick = 1; tick <= 200; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        ((PlantIo) robot.io()).plant().state(s);
        if (tick > 160) worstLast2s = Math.max(worstLast2s, Math.abs(Angles.wrap(s[0])));
      }
      assertThat(worstLast2s).as("largest |angle| from upright over the last 2 s").isLessThan(0.1);
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }

  @Test
  void aWorldModelForAnotherRateStopsAssemblyWithOneLine(@TempDir Path dir) throws Exception {
    PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.02);
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("world_model: simulator", "world_model: onnx")
        + "\nmodel:\n  file: pendulum-2x64-int8.onnx\n";
    var loaded = TestConfigs.write(dir, yaml);
    assertThatThrownBy(() -> Robot.assemble(loaded, new SteppedClock()))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("model: " + dir.resolve("pendulum-2x64-int8.onnx") + ": the model predicts 0.02 s ahead "
            + "(foresight.dt_s) but the loop runs every 0.05 s (20 Hz); train for this rate or change loop.rate_hz");
  }
}
