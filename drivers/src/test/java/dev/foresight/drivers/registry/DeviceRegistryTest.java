package dev.foresight.drivers.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.Rigs;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.hbridge.HBridgeMotor;
import dev.foresight.drivers.pca9685.PwmChannel;
import dev.foresight.sim.hardware.Pca9685Chip;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

  @Test
  void buildsEveryDeviceAndStartsThemInDependencyOrder() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      DeviceReport report = robot.devices.start(robot.nowNs);
      assertThat(report.requiredOk()).as(String.join("\n", report.lines())).isTrue();
      assertThat(report.entries()).extracting(DeviceReport.Entry::name)
          .containsExactly("pivot", "motor_pwm", "supply", "motor");
      assertThat(robot.devices.sensors()).extracting(Sensor::name).containsExactly("pivot", "supply");
      assertThat(robot.devices.actuator("motor")).get().isInstanceOf(HBridgeMotor.class);
      assertThat(robot.devices.actuator("motor_pwm.7")).get().isInstanceOf(PwmChannel.class)
          .extracting(a -> ((PwmChannel) a).number()).isEqualTo(7);
      assertThat(robot.devices.actuator("pivot")).isEmpty();
      assertThat(report.lines()).anySatisfy(l -> assertThat(l).contains("motor", "hbridge", "ok",
          "GPIO 5/6/13 (IN1/IN2/STBY), PWM motor_pwm.0"));
    }
  }

  @Test
  void aMissingRequiredDeviceFailsTheReportWithItsNameAndTheFix() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      robot.hw.chip("pivot").orElseThrow().unplug(true);
      robot.hw.chip("supply").orElseThrow().unplug(true);
      DeviceReport report = robot.devices.start(robot.nowNs);
      assertThat(report.requiredOk()).isFalse();
      assertThat(report.failures()).extracting(DeviceReport.Entry::name).containsExactly("pivot", "supply");
      assertThat(report.lines()).anySatisfy(l -> assertThat(l).matches("  pivot +as5600 +MISSING +i2c-1 0x36"));
      assertThat(report.lines()).anySatisfy(l -> assertThat(l).contains("no answer at i2c-1 0x36", "i2cdetect -y 1"));
      assertThat(report.lines()).anySatisfy(l -> assertThat(l).matches("  supply +ina219 +missing +i2c-1 0x41"));
      assertThat(report.lines()).anySatisfy(l -> assertThat(l).endsWith("(not required)"));
    }
  }

  @Test
  void safeAllBrakesTheMotorAndSwitchesEveryPwmOutputOff() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      robot.devices.start(robot.nowNs);
      robot.devices.actuator("motor").orElseThrow().write(robot.nowNs, 8.0);
      robot.devices.actuator("motor_pwm.5").orElseThrow().write(robot.nowNs, 0.4);
      assertThat(robot.devices.safeAll()).isTrue();
      Pca9685Chip pwm = (Pca9685Chip) robot.hw.chip("motor_pwm").orElseThrow();
      for (int n = 0; n < 16; n++) assertThat(pwm.duty(n)).isZero();
      assertThat(robot.hw.gpio().level(5) && robot.hw.gpio().level(6)).as("brake").isTrue();
      assertThat(robot.hw.gpio().level(4)).as("OE high").isTrue();
    }
  }

  @Test
  void closingLeavesTheOutputsSafeAndReleasesThePins() {
    Emulated robot = Emulated.of(Rigs.PENDULUM);
    robot.devices.start(robot.nowNs);
    robot.devices.actuator("motor").orElseThrow().write(robot.nowNs, 8.0);
    robot.devices.close();
    Pca9685Chip pwm = (Pca9685Chip) robot.hw.chip("motor_pwm").orElseThrow();
    assertThat(pwm.duty(0)).isZero();
    assertThat(robot.pi4j.registry().exists("motor-in1")).isFalse();
    robot.devices.close();   // idempotent
    robot.pi4j.shutdown();
  }
}
