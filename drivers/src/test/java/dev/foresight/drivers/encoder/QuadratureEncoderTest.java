package dev.foresight.drivers.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuadratureEncoderTest {

  static final String ENCODER = """
      sim:
        plant: pendulum
        devices:
          enc: {measures: {position: theta}}
      devices:
        - {name: enc, type: quadrature_encoder, pin_a: 17, pin_b: 27, counts_per_rev: 2048}
      """;
  static final double COUNT = 2 * Math.PI / 2048;

  final double[] v = new double[2];
  final byte[] s = new byte[2];
  final double[] state = new double[2];

  @Test
  void countsEveryEdgeInBothDirectionsAndEstimatesVelocity() {
    try (Emulated robot = Emulated.of(ENCODER, 2.0, 4.0)) {
      QuadratureEncoder enc = (QuadratureEncoder) robot.sensor("enc");
      SelfTest test = enc.start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      enc.read(robot.nowNs, v, s, 0);
      double previous = 2.0;
      boolean sawNegative = false;
      for (int i = 0; i < 60; i++) {
        robot.tick();
        enc.read(robot.nowNs, v, s, 0);
        robot.plant.state(state);
        assertThat(s).containsOnly(Status.OK);
        assertThat(v[0]).isCloseTo(state[0] - 2.0, within(COUNT));
        assertThat(v[1]).isCloseTo((state[0] - previous) / 0.05, within(2 * COUNT / 0.05));
        sawNegative |= v[1] < 0;
        previous = state[0];
      }
      assertThat(sawNegative).as("the pendulum swung back").isTrue();
      assertThat(enc.illegalTransitions()).isZero();
    }
  }

  @Test
  void invertAndWheelRadiusGiveMetresTheOtherWayRound() {
    try (Emulated robot = Emulated.of(ENCODER.replace("counts_per_rev: 2048", "counts_per_rev: 2048, wheel_radius_m: 0.05, invert: true")
        .replace("measures: {position: theta}", "measures: {position: theta}"), 0.0, 3.0)) {
      robot.sensor("enc").start(robot.nowNs);
      robot.tick();
      robot.sensor("enc").read(robot.nowNs, v, s, 0);
      robot.plant.state(state);
      // The encoder turns with the plant's angle, mounted reversed; the driver gives metres rolled.
      assertThat(v[0]).isCloseTo(state[0] * 0.05, within(0.05 * COUNT));
    }
  }

  @Test
  void anIllegalTransitionMakesOneReadInvalid() {
    try (Emulated robot = Emulated.of(ENCODER, 2.0, 1.0)) {
      robot.sensor("enc").start(robot.nowNs);
      robot.hw.inject(new SimFaultConfig(Optional.of("enc"), SimFaultKind.NAN, 0.0, Optional.of(0.05), null));
      robot.sensor("enc").read(robot.nowNs, v, s, 0);
      assertThat(s).containsOnly(Status.INVALID);
      assertThat(v[0]).isNaN();
      robot.tick();
      robot.sensor("enc").read(robot.nowNs, v, s, 0);
      assertThat(s).containsOnly(Status.OK);
    }
  }

  @Test
  void aStuckEncoderStopsCounting() {
    try (Emulated robot = Emulated.of(ENCODER, 2.0, 4.0)) {
      QuadratureEncoder enc = (QuadratureEncoder) robot.sensor("enc");
      enc.start(robot.nowNs);
      robot.tick();
      robot.hw.inject(new SimFaultConfig(Optional.of("enc"), SimFaultKind.STUCK, 0.0, null, null));
      long count = enc.count();
      for (int i = 0; i < 5; i++) robot.tick();
      assertThat(enc.count()).isEqualTo(count);
    }
  }
}
