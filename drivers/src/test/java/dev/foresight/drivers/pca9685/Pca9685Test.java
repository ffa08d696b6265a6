package dev.foresight.drivers.pca9685;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDevice;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import dev.foresight.sim.hardware.Ina219Chip;
import dev.foresight.sim.hardware.Pca9685Chip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Pca9685Test {

  static final String PWM = """
      sim: {plant: pendulum}
      devices:
        - {name: pwm, type: pca9685, frequency_hz: 1000, output_enable_pin: 4}
      """;

  @Test
  void prescaleFollowsTheDatasheetFormula() {
    assertThat(Pca9685.prescale(200)).isEqualTo(30);     // the datasheet's example: 0x1E
    assertThat(Pca9685.prescale(1000)).isEqualTo(5);
    assertThat(Pca9685.prescale(50)).isEqualTo(121);
    assertThat(Pca9685.prescale(1526)).isEqualTo(3);     // the hardware minimum
    assertThat(Pca9685.prescale(24)).isEqualTo(253);
  }

  @Test
  void configuresModeAndFrequencyAndEnablesOutputsLast() {
    try (Emulated robot = Emulated.of(PWM)) {
      Pca9685 pca = pca(robot);
      assertThat(robot.hw.gpio().level(4)).as("OE pulled high before start").isTrue();
      SelfTest test = pca.start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      assertThat(test.identity()).isEqualTo("PCA9685, 1017 Hz");
      Pca9685Chip chip = chip(robot);
      assertThat(chip.register(0x00)).as("MODE1: awake, auto-increment, all-call").isEqualTo(0x21);
      assertThat(chip.register(0x01)).as("MODE2: totem pole").isEqualTo(0x04);
      assertThat(chip.register(0xFE)).isEqualTo(5);
      assertThat(chip.frequencyHz()).isCloseTo(1017.25, within(0.01));
      assertThat(robot.hw.gpio().level(4)).as("OE low: outputs enabled").isFalse();
      for (int n = 0; n < 16; n++) assertThat(chip.duty(n)).isZero();
    }
  }

  @Test
  void dutyBecomesOnAndOffCountsWithFullOnAndFullOffAtTheEnds() {
    try (Emulated robot = Emulated.of(PWM)) {
      Pca9685 pca = pca(robot);
      pca.start(robot.nowNs);
      Pca9685Chip chip = chip(robot);
      assertThat(pca.channel(3).write(robot.nowNs, 0.25)).isEqualTo(Status.OK);
      assertThat(chip.register(0x06 + 12 + 2) | chip.register(0x06 + 12 + 3) << 8).as("LED3_OFF").isEqualTo(1024);
      assertThat(chip.duty(3)).isEqualTo(0.25);
      pca.channel(3).write(robot.nowNs, 1.0);
      assertThat(chip.register(0x06 + 12 + 1)).as("LED3_ON_H full on").isEqualTo(0x10);
      assertThat(chip.duty(3)).isEqualTo(1.0);
      pca.channel(3).write(robot.nowNs, Double.NaN);
      assertThat(chip.register(0x06 + 12 + 3)).as("LED3_OFF_H full off").isEqualTo(0x10);
      assertThat(chip.duty(3)).isZero();
    }
  }

  @Test
  void servoPulseIsMicrosecondsPerPeriod() {
    try (Emulated robot = Emulated.of(PWM.replace("frequency_hz: 1000", "frequency_hz: 50"))) {
      Pca9685 pca = pca(robot);
      pca.start(robot.nowNs);
      pca.channel(0).pulseUs(robot.nowNs, 1500);
      double periodUs = 1e6 / chip(robot).frequencyHz();
      assertThat(chip(robot).duty(0) * periodUs).isCloseTo(1500, within(periodUs / 4096));
    }
  }

  @Test
  void writeFailureIsNoResponseAndTheChipIsRestoredWhenItAnswersAgain() {
    try (Emulated robot = Emulated.of(PWM)) {
      Pca9685 pca = pca(robot);
      pca.start(robot.nowNs);
      chip(robot).unplug(true);
      for (int i = 0; i < 4; i++) {
        robot.advanceMs(10);
        assertThatCode(() -> pca.channel(0).write(robot.nowNs, 0.5)).doesNotThrowAnyException();
        assertThat(pca.channel(0).write(robot.nowNs, 0.5)).isEqualTo(Status.NO_RESPONSE);
      }
      chip(robot).powerOnReset();              // it lost power while it was away
      chip(robot).unplug(false);
      robot.advanceMs(I2cDevice.RETRY_MS);
      // Back, but asleep with every output off: that tick's output was wrong, and the chip is set up again.
      assertThat(pca.channel(0).write(robot.nowNs, 0.5)).isEqualTo(Status.INVALID);
      robot.advanceMs(10);
      assertThat(pca.channel(0).write(robot.nowNs, 0.5)).isEqualTo(Status.OK);
      assertThat(chip(robot).sleeping()).isFalse();
      assertThat(chip(robot).register(0xFE)).isEqualTo(5);
      assertThat(chip(robot).duty(0)).isEqualTo(0.5);
    }
  }

  @Test
  void aResetChipIsReportedInvalidOnceThenRunsAgain() {
    try (Emulated robot = Emulated.of(PWM)) {
      Pca9685 pca = pca(robot);
      pca.start(robot.nowNs);
      pca.channel(0).write(robot.nowNs, 0.5);
      chip(robot).powerOnReset();             // brown-out: asleep, every output full off
      robot.advanceMs(10);
      assertThat(pca.channel(0).write(robot.nowNs, 0.5)).isEqualTo(Status.INVALID);
      assertThat(chip(robot).duty(0)).as("re-configured and re-sent in the same write").isEqualTo(0.5);
      robot.advanceMs(10);
      assertThat(pca.channel(0).write(robot.nowNs, 0.5)).isEqualTo(Status.OK);
    }
  }

  @Test
  void safeStateIsEveryOutputOffAndOeHighReadBack() {
    try (Emulated robot = Emulated.of(PWM)) {
      Pca9685 pca = pca(robot);
      pca.start(robot.nowNs);
      for (int n = 0; n < 16; n++) pca.channel(n).write(robot.nowNs, 0.3);
      assertThat(pca.verifySafe()).isEmpty();
      for (int n = 0; n < 16; n++) assertThat(chip(robot).duty(n)).isZero();
      assertThat(robot.hw.gpio().level(4)).isTrue();
      chip(robot).unplug(true);
      assertThat(pca.verifySafe()).startsWith("cannot switch the outputs off");
    }
  }

  @Test
  void anInaAtTheAddressIsTheWrongChip() {
    try (Emulated robot = Emulated.of(PWM)) {
      EmulatedI2cBus bus = robot.hw.bus(1).orElseThrow();
      bus.detach(0x40);
      bus.attach(new Ina219Chip("x", 0x40, 0.1, new SplittableRandom(1)));
      SelfTest test = pca(robot).start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.WRONG_CHIP);
      assertThat(test.message()).contains("expected a PCA9685's power-on E2 E4 E8 E0", "an INA219 defaults to 0x40");
    }
  }

  static Pca9685 pca(Emulated robot) {
    return (Pca9685) robot.devices.device("pwm").orElseThrow();
  }

  static Pca9685Chip chip(Emulated robot) {
    return (Pca9685Chip) robot.hw.chip("pwm").orElseThrow();
  }
}
