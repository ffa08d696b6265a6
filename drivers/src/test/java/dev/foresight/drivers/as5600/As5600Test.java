package dev.foresight.drivers.as5600;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
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

  @Test
  void readsThePlantAngleThroughZeroOffsetAndDirectionToWithinOneCount() {
    try (Emulated robot = Emulated.of(PIVOT, 0.7, 0.0)) {
      SelfTest test = robot.sensor("pivot").start(robot.nowNs);
      assertThat(test.ok()).as(test.message()).isTrue();
      assertThat(test.identity()).startsWith("AS5600, magnet ok");
      double[] v = new double[1];
      byte[] s = new byte[1];
      robot.sensor("pivot").read(robot.nowNs, v, s, 0);
      assertThat(s[0]).isEqualTo(Status.OK);
      assertThat(v[0]).isCloseTo(0.7, within(2 * Math.PI / 4096));
    }
  }
}
