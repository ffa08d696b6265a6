package dev.foresight.drivers.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.Status;
import org.junit.jupiter.api.Test;

class GpioInputTest {

  @Test
  void activeFollowsTheButtonHonouringActiveLow() {
    for (boolean activeLow : new boolean[] {true, false}) {
      try (Emulated robot = Emulated.of("""
          sim: {plant: pendulum}
          devices:
            - {name: estop, type: gpio_input, pin: 17, pull: up, active_low: %s}
          """.formatted(activeLow))) {
        double[] v = new double[1];
        byte[] s = new byte[1];
        assertThat(robot.sensor("estop").start(robot.nowNs).identity()).isEqualTo("reads inactive");
        robot.sensor("estop").read(robot.nowNs, v, s, 0);
        assertThat(v[0]).isZero();
        assertThat(s[0]).isEqualTo(Status.OK);
        robot.hw.press("estop", true);
        assertThat(robot.hw.gpio().level(17)).isEqualTo(!activeLow);
        robot.sensor("estop").read(robot.nowNs, v, s, 0);
        assertThat(v[0]).isEqualTo(1.0);
      }
    }
  }
}
