package dev.foresight.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.Angles;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobotTest {

  @Test
  void demoPendulumSwingsUpFromHangingAndStaysUpright() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      robot.safety().arm("test");
      double[] s = new double[2];
      double worstLast2s = 0;
      for (int tick = 1; tick <= 200; tick++) {   // 10 s at 20 Hz, stepped by hand
        robot.loop().doWork(tick * robot.runner().periodNs());
        ((PlantIo) robot.io()).plant().state(s);
        if (tick > 160) worstLast2s = Math.max(worstLast2s, Math.abs(Angles.wrap(s[0])));
      }
      assertThat(worstLast2s).as("largest |angle| from upright over the last 2 s").isLessThan(0.05);
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }

  @Test
  void unpacedSimulationRunsFasterThanRealTimeOnTheSteppedClock() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      long wallStart = System.nanoTime();
      robot.start(60_000_000_000L);           // one simulated minute
      assertThat(robot.runner().awaitStop(30_000)).isTrue();
      assertThat(robot.loop().metrics().ticks()).isEqualTo(1200);
      assertThat(System.nanoTime() - wallStart).isLessThan(30_000_000_000L);
    }
  }

  @Test
  void outputsStaySafeUntilArmed() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      var view = robot.loop().newFrame();
      for (int tick = 1; tick <= 20; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        robot.loop().snapshot().read(view);
        assertThat(view.applied[0]).isEqualTo(0.0);
      }
      assertThat(view.mode).isEqualTo(Mode.DISARMED);
    }
  }

  /** With drivers every declared device has its channels; an I/O assembled by hand might not. */
  @Test
  void refusesAnEstopInputTheRobotsIoDoesNotHave(@TempDir Path dir) throws Exception {
    var loaded = TestConfigs.write(dir, """
        robot: {id: estop}
        loop: {rate_hz: 20}
        sim: {plant: pendulum}
        devices: [{name: estop_button, type: gpio_input, pin: 17}]
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        safety: {estop_input: estop_button}
        """);
    long periodNs = loaded.config().loop().periodNs();
    var plantOnly = dev.foresight.runtime.io.PlantIo.wire(SimPlants.create(loaded.config(), periodNs), loaded.config());
    assertThatThrownBy(() -> Robot.assemble(loaded, new SteppedClock(), plantOnly))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("safety.estop_input: the robot's I/O has no channel estop_button.active (it has plant.theta, "
            + "plant.theta_dot)");
  }

  @Test
  void closingRunsTheShutdownSequenceOutputsSafeFirst() throws Exception {
    Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock());
    robot.safety().arm("test");
    robot.start(Long.MAX_VALUE);
    var events = robot.events().subscribeFromOldest();
    robot.close();
    assertThat(robot.runner().running()).isFalse();
    assertThat(robot.safety().mode()).isEqualTo(Mode.SAFE_STOP);
    assertThat(robot.safety().reason()).isEqualTo("shutdown: end of run");
    java.util.List<dev.foresight.runtime.events.EventKind> kinds = new java.util.ArrayList<>();
    events.poll(e -> kinds.add(e.kind()), 100);
    assertThat(kinds).containsSubsequence(dev.foresight.runtime.events.EventKind.ARMED,
        dev.foresight.runtime.events.EventKind.SHUTDOWN);
    assertThat(robot.shutdown().steps()).startsWith("outputs_safe: safety supervisor: safe stop, outputs safe");
  }

  @Test
  void refusesALoopRateThatDoesNotMatchThePlantStep(@TempDir Path dir) {
    var loaded = TestConfigs.write(dir, """
        robot: {id: fast}
        loop: {rate_hz: 100}
        sim: {plant: pendulum}
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """);
    assertThatThrownBy(() -> Robot.assemble(loaded))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("loop.rate_hz: 100 Hz does not match plant pendulum, which steps every 0.05 s; "
            + "set loop.rate_hz: 20");
  }

  @Test
  void refusesAPlantVariableThePlantDoesNotHave(@TempDir Path dir) {
    var loaded = TestConfigs.write(dir, """
        robot: {id: typo}
        loop: {rate_hz: 20}
        sim: {plant: pendulum}
        state: [{name: theta, wrap: true, source: plant.angle}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """);
    assertThatThrownBy(() -> Robot.assemble(loaded))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("state[0].source: plant pendulum has no state variable 'angle' (it has theta, theta_dot; observations cos_theta, sin_theta)");
  }

  @Test
  void refusesAnInitialStateOfTheWrongSize(@TempDir Path dir) {
    var loaded = TestConfigs.write(dir, """
        robot: {id: init}
        loop: {rate_hz: 20}
        sim: {plant: pendulum, initial_state: [1.0, 2.0, 3.0]}
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """);
    assertThatThrownBy(() -> Robot.assemble(loaded))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("sim.initial_state: has 3 values but plant pendulum has 2 state variables (theta, theta_dot)");
  }

  @Test
  void roverExampleDrivesForwardInTheCircleItIsAskedFor() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("rover-sim.yaml"), new SteppedClock())) {
      robot.safety().arm("test");
      for (int tick = 1; tick <= 200; tick++) robot.loop().doWork(tick * robot.runner().periodNs());   // 4 s
      var view = robot.loop().newFrame();
      robot.loop().snapshot().read(view);
      int speed = robot.config().stateIndex("speed");
      int yawRate = robot.config().stateIndex("yaw_rate");
      // Targets are 0.6 m/s and 0.5 rad/s; a proportional controller settles a little short of them.
      assertThat(view.state[speed]).isBetween(0.3, 0.7);
      assertThat(view.state[yawRate]).isBetween(0.25, 0.6);
    }
  }
}
