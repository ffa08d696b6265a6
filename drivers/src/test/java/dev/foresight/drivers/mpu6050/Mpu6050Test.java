package dev.foresight.drivers.mpu6050;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import dev.foresight.sim.hardware.Mpu6050Chip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Mpu6050Test {

  static final String IMU = """
      sim:
        plant: pendulum
        devices:
          imu:
            measures: {gyro_z: theta_dot}
            noise: {accel_x: 0, accel_y: 0, accel_z: 0, gyro_x: 0, gyro_y: 0, gyro_z: 0}
      devices:
        - {name: imu, type: mpu6050, accel_range_g: 4, gyro_range_dps: 500, dlpf_hz: 44, calibrate_gyro: false}
      """;
  static final double G = 9.80665;

  final double[] v = new double[7];
  final byte[] s = new byte[7];

  @Test
  void configuresTheRegistersTheDatasheetWayAndScalesToSiUnits() {
    try (Emulated robot = Emulated.of(IMU, 0.0, 1.5)) {
      SelfTest test = robot.sensor("imu").start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      assertThat(test.identity()).startsWith("MPU-6050 (WHO_AM_I 0x68)");
      Mpu6050Chip chip = chip(robot);
      assertThat(chip.register(0x6B)).as("PWR_MGMT_1: awake, PLL with X gyro").isEqualTo(0x01);
      assertThat(chip.register(0x19)).as("SMPLRT_DIV").isZero();
      assertThat(chip.register(0x1A)).as("CONFIG: DLPF_CFG 3 = 44 Hz").isEqualTo(3);
      assertThat(chip.register(0x1B)).as("GYRO_CONFIG: FS_SEL 1 = 500 dps").isEqualTo(0x08);
      assertThat(chip.register(0x1C)).as("ACCEL_CONFIG: AFS_SEL 1 = 4 g").isEqualTo(0x08);

      robot.advanceMs(2);
      robot.sensor("imu").read(robot.nowNs, v, s, 0);
      assertThat(s).containsOnly(Status.OK);
      assertThat(v[2]).as("accel_z at rest").isCloseTo(G, within(G / 8192));
      assertThat(v[0]).isZero();
      assertThat(v[5]).as("gyro_z = theta_dot").isCloseTo(1.5, within(Math.toRadians(1 / 65.5)));
      assertThat(v[6]).as("temperature").isCloseTo(25.0, within(1 / 340.0));
    }
  }

  @Test
  void wrongWhoAmIIsTheWrongChipNamingWhatItProbablyIs() {
    try (Emulated robot = Emulated.of(IMU)) {
      EmulatedI2cBus bus = robot.hw.bus(1).orElseThrow();
      bus.detach(0x68);
      bus.attach(new Mpu6050Chip("imu", 0x68, 0x70, new SplittableRandom(1)));
      SelfTest test = robot.sensor("imu").start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.WRONG_CHIP);
      assertThat(test.message()).isEqualTo("WHO_AM_I reads 0x70 (an MPU-6500), expected 0x68 for an MPU-6050");
    }
  }

  @Test
  void aSaturatedAxisIsInvalidWhileTheOthersStayValid() {
    try (Emulated robot = Emulated.of(IMU.replace("gyro_range_dps: 500", "gyro_range_dps: 250"), 0.0, 6.0)) {
      robot.sensor("imu").start(robot.nowNs);
      robot.advanceMs(2);
      robot.sensor("imu").read(robot.nowNs, v, s, 0);
      // 6 rad/s is 344 deg/s, beyond the 250 deg/s range: the register sits at 32767.
      assertThat(s[5]).isEqualTo(Status.INVALID);
      assertThat(v[5]).isNaN();
      assertThat(s[2]).isEqualTo(Status.OK);
    }
  }

  @Test
  void dataThatStopsChangingIsStale() {
    try (Emulated robot = Emulated.of(IMU.replace("noise: {accel_x: 0, accel_y: 0, accel_z: 0, gyro_x: 0, gyro_y: 0, gyro_z: 0}",
        "noise: {}"), 0.0, 0.0)) {
      robot.sensor("imu").start(robot.nowNs);
      for (int i = 0; i < 3; i++) {
        robot.tick();
        robot.sensor("imu").read(robot.nowNs, v, s, 0);
        assertThat(s[0]).isEqualTo(Status.OK);   // datasheet noise: every sample differs
      }
      chip(robot).stuck(true);
      byte last = Status.OK;
      int ticks = 0;
      while (last == Status.OK && ticks < 10) {
        robot.tick();
        robot.sensor("imu").read(robot.nowNs, v, s, 0);
        last = s[0];
        ticks++;
      }
      assertThat(last).isEqualTo(Status.STALE);
      assertThat(ticks).isEqualTo(4);          // the 5th identical burst (the last fresh one plus four)
    }
  }

  @Test
  void aChipThatResetIsNoticedAndConfiguredAgain() {
    try (Emulated robot = Emulated.of(IMU.replace("noise: {accel_x: 0, accel_y: 0, accel_z: 0, gyro_x: 0, gyro_y: 0, gyro_z: 0}",
        "noise: {}"), 0.0, 0.0)) {
      robot.sensor("imu").start(robot.nowNs);
      robot.tick();
      robot.sensor("imu").read(robot.nowNs, v, s, 0);
      chip(robot).powerOnReset();               // brown-out: asleep, registers back to power-on values
      int ticks = 0;
      do {
        robot.tick();
        assertThatCode(() -> robot.sensor("imu").read(robot.nowNs, v, s, 0)).doesNotThrowAnyException();
        ticks++;
      } while (s[0] == Status.OK && ticks < 100);
      assertThat(s[0]).isEqualTo(Status.STALE);
      assertThat(ticks).isLessThanOrEqualTo(5);
      robot.tick();
      robot.sensor("imu").read(robot.nowNs, v, s, 0);
      assertThat(chip(robot).register(0x6B)).isEqualTo(0x01);
      assertThat(chip(robot).register(0x1B)).isEqualTo(0x08);
      robot.tick();
      robot.sensor("imu").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.OK);
    }
  }

  @Test
  void gyroCalibrationRemovesTheBias() {
    try (Emulated robot = Emulated.of(IMU.replace("calibrate_gyro: false", "calibrate_gyro: true")
        .replace("measures: {gyro_z: theta_dot}", "measures: {gyro_z: theta_dot}\n      bias: {gyro_z: 0.05}"),
        0.0, 0.0)) {
      SelfTest test = robot.sensor("imu").start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      assertThat(((Mpu6050) robot.sensor("imu")).gyroBias()[2]).isCloseTo(0.05, within(0.0003));
      robot.advanceMs(2);
      robot.sensor("imu").read(robot.nowNs, v, s, 0);
      assertThat(v[5]).isCloseTo(0.0, within(0.0003));
    }
  }

  @Test
  void absentImuIsNoResponseOnEveryChannel() {
    try (Emulated robot = Emulated.of(IMU)) {
      robot.sensor("imu").start(robot.nowNs);
      chip(robot).unplug(true);
      robot.advanceMs(2);
      assertThatCode(() -> robot.sensor("imu").read(robot.nowNs, v, s, 0)).doesNotThrowAnyException();
      assertThat(s).containsOnly(Status.NO_RESPONSE);
      assertThat(v).containsOnly(Double.NaN);
    }
  }

  static Mpu6050Chip chip(Emulated robot) {
    return (Mpu6050Chip) robot.hw.chip("imu").orElseThrow();
  }
}
