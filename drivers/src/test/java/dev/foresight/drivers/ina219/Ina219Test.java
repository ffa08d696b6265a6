package dev.foresight.drivers.ina219;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import dev.foresight.sim.hardware.Ina219Chip;
import dev.foresight.sim.hardware.Pca9685Chip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ina219Test {

  static final String SUPPLY = """
      sim: {plant: pendulum, supply: {voltage_v: 11.5}}
      devices:
        - {name: supply, type: ina219, address: 0x41, shunt_ohms: 0.1, max_current_a: 3.2}
      """;

  final double[] v = new double[3];
  final byte[] s = new byte[3];

  @Test
  void calibrationFollowsTheDatasheetProcedure() {
    try (Emulated robot = Emulated.of(SUPPLY)) {
      Ina219 ina = ina(robot);
      // Current LSB = 3.2 A / 2^15 = 97.66 uA; CAL = trunc(0.04096 / (97.66e-6 * 0.1)) = 4194.
      assertThat(ina.calibration()).isEqualTo(4194);
      assertThat(ina.configWord()).as("32 V, PGA /8, 12-bit, continuous: the power-on value").isEqualTo(0x399F);
      assertThat(ina.currentLsb()).isCloseTo(97.66e-6, within(0.01e-6));
      SelfTest test = ina.start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      assertThat(chip(robot).peekWord(5)).isEqualTo(4194);
    }
    try (Emulated robot = Emulated.of(SUPPLY.replace("max_current_a: 3.2", "max_current_a: 1.0"))) {
      assertThat(ina(robot).calibration()).isEqualTo(13420);
      assertThat(ina(robot).configWord()).as("0.1 V full scale needs PGA /4").isEqualTo(0x319F);
    }
  }

  @Test
  void readsBusVoltageCurrentAndPowerInSiUnits() {
    try (Emulated robot = Emulated.of(SUPPLY)) {
      ina(robot).start(robot.nowNs);
      chip(robot).load(11.5, 1.25);
      robot.advanceMs(1);
      ina(robot).read(robot.nowNs, v, s, 0);
      assertThat(s).containsOnly(Status.OK);
      assertThat(v[0]).as("load side of the shunt, 4 mV steps").isCloseTo(11.5 - 0.125, within(0.004));
      assertThat(v[1]).isCloseTo(1.25, within(1e-4));
      assertThat(v[2]).isCloseTo(11.375 * 1.25, within(20 * 97.7e-6 * 2));
      ina(robot).read(robot.nowNs, v, s, 0);
      assertThat(s).as("no new conversion since the last read").containsOnly(Status.STALE);
    }
  }

  @Test
  void mathOverflowMakesCurrentAndPowerInvalid() {
    try (Emulated robot = Emulated.of(SUPPLY)) {
      ina(robot).start(robot.nowNs);
      chip(robot).invalid(true);
      robot.advanceMs(1);
      ina(robot).read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.OK);
      assertThat(s[1]).isEqualTo(Status.INVALID);
      assertThat(s[2]).isEqualTo(Status.INVALID);
      assertThat(v[1]).isNaN();
    }
  }

  @Test
  void aResetChipIsCalibratedAgain() {
    try (Emulated robot = Emulated.of(SUPPLY)) {
      ina(robot).start(robot.nowNs);
      chip(robot).powerOnReset();
      int reads = 0;
      while (chip(robot).peekWord(5) != 4194 && reads < 200) {
        robot.advanceMs(1);
        ina(robot).read(robot.nowNs, v, s, 0);
        reads++;
      }
      assertThat(reads).isLessThanOrEqualTo(Ina219.VERIFY_EVERY + 1);
      assertThat(chip(robot).peekWord(0)).isEqualTo(0x399F);
    }
  }

  @Test
  void aPwmChipAtTheAddressIsTheWrongChip() {
    try (Emulated robot = Emulated.of(SUPPLY)) {
      EmulatedI2cBus bus = robot.hw.bus(1).orElseThrow();
      bus.detach(0x41);
      bus.attach(new Pca9685Chip("x", 0x41, new SplittableRandom(1)));
      SelfTest test = ina(robot).start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.WRONG_CHIP);
      assertThat(test.message()).startsWith("CONFIG reads 0x").contains("expected an INA219's 0x399F");
    }
  }

  static Ina219 ina(Emulated robot) {
    return (Ina219) robot.devices.device("supply").orElseThrow();
  }

  static Ina219Chip chip(Emulated robot) {
    return (Ina219Chip) robot.hw.chip("supply").orElseThrow();
  }
}
