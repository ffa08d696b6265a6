package dev.foresight.drivers.hbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.Rigs;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.registry.DeviceReport;
import dev.foresight.sim.hardware.EmulatedGpio;
import dev.foresight.sim.hardware.Pca9685Chip;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HBridgeMotorTest {

  static Emulated started(String yaml, double... state) {
    Emulated robot = Emulated.of(yaml, state);
    DeviceReport report = robot.devices.start(robot.nowNs);
    assertThat(report.requiredOk()).as(String.join("\n", report.lines())).isTrue();
    return robot;
  }

  static HBridgeMotor motor(Emulated robot) {
    return (HBridgeMotor) robot.devices.actuator("motor").orElseThrow();
  }

  static Pca9685Chip pwm(Emulated robot) {
    return (Pca9685Chip) robot.hw.chip("motor_pwm").orElseThrow();
  }

  @Test
  void voltsBecomeDirectionPinsAndADutyShiftedPastTheDeadband() {
    try (Emulated robot = started(Rigs.PENDULUM)) {
      EmulatedGpio gpio = robot.hw.gpio();
      assertThat(motor(robot).write(robot.nowNs, 6.0)).isEqualTo(Status.OK);
      assertThat(gpio.level(5)).isTrue();
      assertThat(gpio.level(6)).isFalse();
      assertThat(gpio.level(13)).isTrue();
      assertThat(pwm(robot).duty(0)).isCloseTo(0.1 + 0.9 * 0.5, within(1.0 / 4096));
      motor(robot).write(robot.nowNs, -3.0);
      assertThat(gpio.level(5)).isFalse();
      assertThat(gpio.level(6)).isTrue();
      assertThat(pwm(robot).duty(0)).isCloseTo(0.1 + 0.9 * 0.25, within(1.0 / 4096));
      motor(robot).write(robot.nowNs, 99.0);
      assertThat(pwm(robot).duty(0)).isEqualTo(1.0);
    }
  }

  @Test
  void fullVoltageOnAStalledMotorGivesItsStallTorqueClippedByThePendulum() {
    try (Emulated robot = started(Rigs.PENDULUM, Math.PI, 0.0)) {
      motor(robot).write(robot.nowNs, 12.0);
      robot.tick();
      double[] s = new double[2];
      robot.plant.state(s);
      // Stall torque 0.65 * 50 * 0.0115 * 12 / 2.2 = 2.04 N m, clipped to Pendulum-v1's 2 N m:
      // thdot' = (3 / (m l^2)) * 2 * dt = 0.3 rad/s from rest hanging down.
      assertThat(s[1]).isCloseTo(0.3, within(1e-9));
      motor(robot).write(robot.nowNs, 1.2);      // 10% duty: 0.1 + 0.9 * 0.1 after the deadband
      robot.tick();
      double torque = 0.65 * 50 * 0.0115 * (0.19 * 12 - 0.0115 * 50 * 0.3) / 2.2;
      double[] t = new double[2];
      robot.plant.state(t);
      assertThat(t[1]).isCloseTo(s[1] + (15 * Math.sin(s[0]) + 3 * torque) * 0.05, within(2e-3));
    }
  }

  @Test
  void invertSwapsThePositiveDirection() {
    try (Emulated robot = started(Rigs.PENDULUM.replace("current_sensor: supply", "current_sensor: supply, invert: true"),
        Math.PI, 0.0)) {
      motor(robot).write(robot.nowNs, 12.0);
      assertThat(robot.hw.gpio().level(6)).as("IN2 high: the bridge drives reverse").isTrue();
      robot.tick();
      double[] s = new double[2];
      robot.plant.state(s);
      assertThat(s[1]).as("but the motor is wired reversed: the pendulum still turns positive").isCloseTo(0.3, within(1e-9));
    }
  }

  @Test
  void brakeSafeStateShortsTheMotorAndZeroCommandsKeepIt() {
    try (Emulated robot = started(Rigs.PENDULUM)) {
      EmulatedGpio gpio = robot.hw.gpio();
      motor(robot).write(robot.nowNs, 6.0);
      assertThat(motor(robot).safe()).isEqualTo(Status.OK);
      assertThat(gpio.level(5) && gpio.level(6) && gpio.level(13)).isTrue();
      assertThat(pwm(robot).duty(0)).isZero();
      long writes = gpio.writes(5);
      motor(robot).write(robot.nowNs, 0.0);
      assertThat(gpio.writes(5)).as("a zero command leaves the safe pattern alone").isEqualTo(writes);
      assertThat(motor(robot).verifySafe()).isEmpty();
    }
  }

  @Test
  void coastSafeStateOpensTheBridge() {
    try (Emulated robot = started(Rigs.PENDULUM.replace("deadband: 0.1,", "deadband: 0.1, safe_state: coast,"))) {
      EmulatedGpio gpio = robot.hw.gpio();
      motor(robot).write(robot.nowNs, 6.0);
      motor(robot).safe();
      assertThat(gpio.level(5) || gpio.level(6) || gpio.level(13)).isFalse();
      assertThat(motor(robot).safeState()).isEqualTo("coast");
      assertThat(motor(robot).verifySafe()).isEmpty();
    }
  }

  @Test
  void aWriteThatCannotReachThePwmChipOrAPinIsNoResponse() {
    try (Emulated robot = started(Rigs.PENDULUM)) {
      pwm(robot).unplug(true);
      assertThatCode(() -> motor(robot).write(robot.nowNs, 6.0)).doesNotThrowAnyException();
      assertThat(motor(robot).write(robot.nowNs, 6.0)).isEqualTo(Status.NO_RESPONSE);
      pwm(robot).unplug(false);
      robot.advanceMs(1000);
      robot.hw.gpio().failWrites(5, true);
      assertThat(motor(robot).write(robot.nowNs, -6.0)).isEqualTo(Status.NO_RESPONSE);
      assertThat(motor(robot).verifySafe()).startsWith("cannot reach the brake state");
    }
  }

  @Test
  void aDisconnectedMotorIsReportedFromTheSupplyCurrent() {
    try (Emulated robot = started(Rigs.PENDULUM, Math.PI, 0.0)) {
      Sensor supply = robot.sensor("supply");
      double[] v = new double[3];
      byte[] s = new byte[3];
      for (int tick = 0; tick < 10; tick++) {
        supply.read(robot.nowNs, v, s, 0);
        assertThat(motor(robot).write(robot.nowNs, tick % 2 == 0 ? 12.0 : -12.0)).isEqualTo(Status.OK);
        robot.tick();
      }
      assertThat(v[1]).as("a driven motor draws amps").isGreaterThan(1.0);
      robot.hw.inject(new SimFaultConfig(Optional.of("motor"), SimFaultKind.MOTOR_DISCONNECTED, 0.0, null, null));
      byte status = Status.OK;
      int ticks = 0;
      while (status == Status.OK && ticks < 20) {
        supply.read(robot.nowNs, v, s, 0);
        status = motor(robot).write(robot.nowNs, 12.0);
        robot.tick();
        ticks++;
      }
      assertThat(status).isEqualTo(Status.INVALID);
      assertThat(motor(robot).disconnected()).isTrue();
      assertThat(ticks).isBetween(5, 7);
    }
  }

  @Test
  void startClaimsThePinsAndVerifiesTheSafeState() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      DeviceReport report = robot.devices.start(robot.nowNs);
      SelfTest motor = report.entries().stream().filter(e -> e.name().equals("motor")).findFirst().orElseThrow().result();
      assertThat(motor.ok()).as(motor.message()).isTrue();
      assertThat(motor.identity()).isEqualTo("H-bridge, volts on 12.0 V, brake");
    }
  }
}
