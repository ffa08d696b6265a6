package dev.foresight.drivers.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.Impostor;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import org.junit.jupiter.api.Test;

class Ads1115Test {

  static String rig(String device, String binding, String theta, String thetaDot) {
    return """
        robot: {id: test}
        loop: {rate_hz: 20}
        hardware: {platform: sim}
        sim:
          plant: pendulum
          devices:
            adc: {measures: %s}
        devices:
          - %s
        state:
          - {name: theta, wrap: true, source: %s}
          - {name: theta_dot, source: %s}
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """.formatted(binding, device, theta, thetaDot);
  }

  static final String ONE = rig("{name: adc, type: ads1115, full_scale_v: 4.096}", "{ain0: theta}", "adc.ain0",
      "plant.theta_dot");

  final double[] v = new double[4];
  final byte[] s = new byte[4];

  @Test
  void oneChannelInUseConvertsContinuouslyAndReadsInOneTransfer() {
    try (Emulated robot = Emulated.of(ONE, 0.7, 0.0)) {
      Ads1115 adc = (Ads1115) robot.sensor("adc");
      SelfTest test = adc.start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      int config = ((dev.foresight.sim.hardware.Ads1115Chip) robot.hw.chip("adc").orElseThrow()).peekWord(1);
      assertThat(config & 0x0100).as("MODE continuous").isZero();
      assertThat((config >> 12) & 7).as("MUX AIN0/GND").isEqualTo(4);
      assertThat((config >> 9) & 7).as("PGA 4.096 V").isEqualTo(1);
      robot.advanceMs(2);
      long before = robot.hw.bus(1).orElseThrow().transfers();
      adc.read(robot.nowNs, v, s, 0);
      assertThat(robot.hw.bus(1).orElseThrow().transfers() - before).isEqualTo(1);
      assertThat(s[0]).isEqualTo(Status.OK);
      assertThat(v[0]).isCloseTo(0.7, within(4.096 / 32768));
    }
  }

  @Test
  void scaleAndOffsetTurnVoltsIntoUnits() {
    try (Emulated robot = Emulated.of(ONE.replace("full_scale_v: 4.096", "full_scale_v: 4.096, scale: 2.0, offset: -1.0"),
        0.7, 0.0)) {
      robot.sensor("adc").start(robot.nowNs);
      robot.advanceMs(2);
      robot.sensor("adc").read(robot.nowNs, v, s, 0);
      assertThat(v[0]).isCloseTo(0.7, within(2 * 4.096 / 32768));
      assertThat(robot.hw.chip("adc")).isPresent();
    }
  }

  @Test
  void severalChannelsTakeTurnsWithoutWaiting() {
    String two = rig("{name: adc, type: ads1115, full_scale_v: 2.048}", "{ain0: theta, ain1: theta_dot}", "adc.ain0",
        "adc.ain1");
    try (Emulated robot = Emulated.of(two, 0.5, -0.25)) {
      robot.sensor("adc").start(robot.nowNs);
      for (int i = 0; i < 4; i++) {
        robot.advanceMs(2);
        robot.sensor("adc").read(robot.nowNs, v, s, 0);
      }
      assertThat(s[0]).isEqualTo(Status.OK);
      assertThat(s[1]).isEqualTo(Status.OK);
      assertThat(v[0]).isCloseTo(0.5, within(2.048 / 32768));
      assertThat(v[1]).isCloseTo(-0.25, within(2.048 / 32768));
    }
  }

  @Test
  void fullScaleMeansOutOfRangeAndIsInvalid() {
    try (Emulated robot = Emulated.of(ONE.replace("full_scale_v: 4.096", "full_scale_v: 0.256"), 0.7, 0.0)) {
      robot.sensor("adc").start(robot.nowNs);
      robot.advanceMs(2);
      robot.sensor("adc").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.INVALID);
      assertThat(v[0]).isNaN();
    }
  }

  @Test
  void otherChipAtTheAddressIsTheWrongChip() {
    try (Emulated robot = Emulated.of(ONE)) {
      EmulatedI2cBus bus = robot.hw.bus(1).orElseThrow();
      bus.detach(0x48);
      bus.attach(new Impostor(0x48, 0x00));
      SelfTest test = robot.sensor("adc").start(robot.nowNs);
      assertThat(test.verdict()).isEqualTo(SelfTest.Verdict.WRONG_CHIP);
      assertThat(test.message()).startsWith("LO_THRESH/HI_THRESH read 0x0000/0x0000");
    }
  }
}
