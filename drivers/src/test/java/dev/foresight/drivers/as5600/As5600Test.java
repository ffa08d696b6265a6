package dev.foresight.drivers.as5600;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.Impostor;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDevice;
import dev.foresight.sim.hardware.As5600Chip;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import org.junit.jupiter.api.Test;

class As5600Test {

  static final String PIVOT = """
      sim:
        plant: pendulum
        devices:
          pivot: {measures: {angle: theta}, noise: {angle: 0.0}}
      devices:
        - {name: pivot, type: as5600, zero_offset_rad: 1.0, direction: ccw}
      """;

  final double[] v = new double[1];
  final byte[] s = new byte[1];

  @Test
  void readsThePlantAngleThroughZeroOffsetAndDirectionToWithinOneCount() {
    try (Emulated robot = Emulated.of(PIVOT, 0.7, 0.0)) {
      SelfTest test = robot.sensor("pivot").start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      assertThat(test.identity()).isEqualTo("AS5600, magnet ok, AGC 64");
      robot.sensor("pivot").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.OK);
      assertThat(v[0]).isCloseTo(0.7, within(2 * Math.PI / 4096));
      // The chip sees zero_offset - angle (ccw positive, RAW ANGLE counts clockwise).
      As5600Chip chip = chip(robot);
      int raw = chip.register(0x0C) << 8 | chip.register(0x0D);
      assertThat(raw).isEqualTo((int) Math.floor((1.0 - 0.7) / (2 * Math.PI) * 4096));
    }
  }

  @Test
  void followsThePendulumAcrossTheWrapInBothDirections() {
    try (Emulated robot = Emulated.of(PIVOT.replace("direction: ccw", "direction: cw"), 3.1, 2.0)) {
      robot.sensor("pivot").start(robot.nowNs);
      double worst = 0;
      for (int i = 0; i < 40; i++) {
        robot.tick();
        robot.sensor("pivot").read(robot.nowNs, v, s, 0);
        double[] state = new double[2];
        robot.plant.state(state);
        worst = Math.max(worst, Math.abs(dev.foresight.config.Angles.wrap(v[0] - state[0])));
        assertThat(s[0]).isEqualTo(Status.OK);
      }
      assertThat(worst).isLessThan(2 * Math.PI / 4096);
    }
  }

  @Test
  void magnetMissingWeakOrStrongIsAnInvalidReadingAndRecoversWhenFixed() {
    try (Emulated robot = Emulated.of(PIVOT, 0.2, 0.0)) {
      robot.sensor("pivot").start(robot.nowNs);
      for (As5600Chip.Magnet fault : new As5600Chip.Magnet[] {As5600Chip.Magnet.MISSING, As5600Chip.Magnet.WEAK,
          As5600Chip.Magnet.STRONG}) {
        chip(robot).magnet(fault);
        robot.advanceMs(1);
        assertThatCode(() -> robot.sensor("pivot").read(robot.nowNs, v, s, 0)).doesNotThrowAnyException();
        assertThat(s[0]).as(fault.name()).isEqualTo(Status.INVALID);
        assertThat(v[0]).isNaN();
      }
      assertThat(((As5600) robot.sensor("pivot")).magnet()).isEqualTo("magnet too strong");
      chip(robot).magnet(As5600Chip.Magnet.OK);
      robot.advanceMs(1);
      robot.sensor("pivot").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.OK);
      assertThat(v[0]).isCloseTo(0.2, within(0.002));
    }
  }

  @Test
  void startReportsAMissingMagnetWithTheFix() {
    try (Emulated robot = Emulated.of(PIVOT)) {
      chip(robot).magnet(As5600Chip.Magnet.MISSING);
      SelfTest test = robot.sensor("pivot").start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.FAULT);
      assertThat(test.message()).startsWith("no magnet detected: mount a diametrically magnetized magnet");
    }
  }

  @Test
  void absentChipIsMissingAtStartAndNoResponseWhenRead() {
    try (Emulated robot = Emulated.of(PIVOT)) {
      chip(robot).unplug(true);
      SelfTest test = robot.sensor("pivot").start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.MISSING);
      assertThat(test.message()).contains("no answer at i2c-1 0x36", "EREMOTEIO", "i2cdetect -y 1");
      assertThatCode(() -> robot.sensor("pivot").read(robot.nowNs, v, s, 0)).doesNotThrowAnyException();
      assertThat(s[0]).isEqualTo(Status.NO_RESPONSE);
      assertThat(v[0]).isNaN();
    }
  }

  @Test
  void recoversWhenTheChipComesBack() {
    try (Emulated robot = Emulated.of(PIVOT, 0.4, 0.0)) {
      robot.sensor("pivot").start(robot.nowNs);
      chip(robot).unplug(true);
      for (int i = 0; i < 5; i++) {
        robot.tick();
        robot.sensor("pivot").read(robot.nowNs, v, s, 0);
        assertThat(s[0]).isEqualTo(Status.NO_RESPONSE);
      }
      chip(robot).unplug(false);
      robot.advanceMs(I2cDevice.RETRY_MS);     // the next retry is due
      robot.sensor("pivot").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.OK);
      double[] state = new double[2];
      robot.plant.state(state);
      assertThat(v[0]).isCloseTo(dev.foresight.config.Angles.wrap(state[0]), within(0.002));
    }
  }

  @Test
  void aHungBusCostsOneTimeoutPerRetryPeriodNotOnePerTick() {
    try (Emulated robot = Emulated.of(PIVOT)) {
      robot.sensor("pivot").start(robot.nowNs);
      chip(robot).hang(true);
      EmulatedI2cBus bus = robot.hw.bus(1).orElseThrow();
      long before = bus.transfers();
      for (int tick = 0; tick < 100; tick++) {       // 1 s of 100 Hz ticks
        robot.advanceMs(10);
        assertThatCode(() -> robot.sensor("pivot").read(robot.nowNs, v, s, 0)).doesNotThrowAnyException();
        assertThat(s[0]).isEqualTo(Status.NO_RESPONSE);
      }
      long attempts = bus.transfers() - before;
      // 3 attempts before backing off, then one per 250 ms.
      assertThat(attempts).isBetween(5L, 8L);
      assertThat(((As5600) robot.sensor("pivot")).i2c().lastErrorMessage()).contains("ETIMEDOUT");
    }
  }

  @Test
  void anotherChipAtTheAddressIsTheWrongChip() {
    try (Emulated robot = Emulated.of(PIVOT)) {
      EmulatedI2cBus bus = robot.hw.bus(1).orElseThrow();
      bus.detach(0x36);
      bus.attach(new Impostor(0x36, 0xFF));
      SelfTest test = robot.sensor("pivot").start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.WRONG_CHIP);
      assertThat(test.message()).startsWith("not an AS5600: reserved bits set (ZMCO 0xFF, STATUS 0xFF");
    }
  }

  @Test
  void rawValuesWithReservedBitsSetAreInvalid() {
    try (Emulated robot = Emulated.of(PIVOT)) {
      robot.sensor("pivot").start(robot.nowNs);
      As5600Chip chip = chip(robot);
      chip.stuck(true);                 // hold the registers so the corruption stays put
      chip.poke(0x0C, 0xF3);            // RAW ANGLE is 12 bits: the top nibble must be zero
      robot.sensor("pivot").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.INVALID);
      assertThat(v[0]).isNaN();
    }
  }

  @Test
  void neverBurnsTheOneTimeProgrammableMemory() {
    try (Emulated robot = Emulated.of(PIVOT)) {
      robot.sensor("pivot").start(robot.nowNs);
      for (int i = 0; i < 10; i++) robot.sensor("pivot").read(robot.nowNs, v, s, 0);
      assertThat(chip(robot).burns()).isZero();
    }
  }

  static As5600Chip chip(Emulated robot) {
    return (As5600Chip) robot.hw.chip("pivot").orElseThrow();
  }
}
