package dev.foresight.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.sim.Plant;
import org.junit.jupiter.api.Test;

/** The reference rover's chips (encoders, MPU-6050, INA219, PCA9685 + TB6612) around the simulator's rover. */
class RoverChipsTest {

  @Test
  void roverDrivesItsCircleThroughEncodersImuAndMotorDriver() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("rover-chips-sim.yaml"), new SteppedClock())) {
      EmulatedIo io = (EmulatedIo) robot.io();
      robot.safety().arm("test");
      Plant rover = io.hardware().plant();
      double[] observation = new double[rover.spec().observation().size()];
      int gyroZ = rover.spec().observationIndex("gyro_z");
      int wheelSpeedLeft = rover.spec().observationIndex("wheel_speed_left");
      int batteryVoltage = rover.spec().observationIndex("battery_voltage");
      int batteryCurrent = rover.spec().observationIndex("battery_current");
      double[] raw = new double[io.rawNames().size()];
      byte[] status = new byte[raw.length];
      for (int tick = 1; tick <= 250; tick++) robot.loop().doWork(tick * robot.runner().periodNs());

      io.sense(251 * robot.runner().periodNs(), raw, status);
      rover.observation(observation);
      int left = io.rawNames().indexOf("left_wheel.velocity");
      int gyro = io.rawNames().indexOf("imu.gyro_z");
      int battery = io.rawNames().indexOf("battery.bus_voltage");
      // A 0.04 m wheel; one 20 ms tick of counts at 1920 per turn resolves 6.5 mm/s.
      assertThat(raw[left]).isCloseTo(observation[wheelSpeedLeft] * 0.04, within(0.01));
      assertThat(raw[left]).as("forward").isGreaterThan(0.2);
      assertThat(raw[gyro]).as("turning left, calibrated gyro").isCloseTo(observation[gyroZ], within(0.02));
      assertThat(raw[gyro]).isGreaterThan(0.2);
      // The INA219 reads the load side of its 0.05 ohm shunt, in 4 mV steps.
      assertThat(raw[battery]).isCloseTo(observation[batteryVoltage] - 0.05 * observation[batteryCurrent], within(0.004));
      assertThat(status[left]).isZero();
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }

  @Test
  void plantSourcesMixWithDriverChannelsAndMayBeObservations(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String text = java.nio.file.Files.readString(TestConfigs.ROOT.resolve("config/examples/rover-chips-sim.yaml"))
        .replace("  - {name: battery_v, unit: V, source: battery.bus_voltage}",
            "  - {name: battery_v, unit: V, source: battery.bus_voltage}\n  - {name: true_gyro, unit: rad/s, source: plant.gyro_z}")
        .replace("    - [20.0, 0, 0, 0]\n    - [0, 20.0, 0, 0]", "    - [20.0, 0, 0, 0, 0]\n    - [0, 20.0, 0, 0, 0]")
        .replace("target: [0.55, 0.65, 0, 0]", "target: [0.55, 0.65, 0, 0, 0]");
    try (Robot robot = Robot.assemble(TestConfigs.write(dir, text), new SteppedClock())) {
      EmulatedIo io = (EmulatedIo) robot.io();
      assertThat(io.rawNames()).endsWith("plant.gyro_z");
      robot.safety().arm("test");
      for (int tick = 1; tick <= 100; tick++) robot.loop().doWork(tick * robot.runner().periodNs());
      double[] raw = new double[io.rawNames().size()];
      byte[] status = new byte[raw.length];
      io.sense(101 * robot.runner().periodNs(), raw, status);
      assertThat(raw[raw.length - 1]).isCloseTo(raw[io.rawNames().indexOf("imu.gyro_z")], within(0.02));
    }
  }
}
