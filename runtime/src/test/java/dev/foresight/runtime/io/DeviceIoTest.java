package dev.foresight.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.Angles;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import org.junit.jupiter.api.Test;

class DeviceIoTest {

  @Test
  void referencePendulumSwingsUpThroughTheEmulatedRegistersAndDrivers() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-sim.yaml"), new SteppedClock())) {
      assertThat(robot.io()).isInstanceOf(DeviceIo.class);
      DeviceIo io = (DeviceIo) robot.io();
      assertThat(io.rawNames()).containsExactly("pivot.angle", "supply.bus_voltage", "supply.current", "supply.power",
          "estop_button.active");
      robot.safety().arm();
      double[] s = new double[2];
      double worstLast2s = 0;
      int upright = -1;
      for (int tick = 1; tick <= 400; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        io.simulation().orElseThrow().plant().state(s);
        if (upright < 0 && Math.abs(Angles.wrap(s[0])) < 0.1) upright = tick;
        if (tick > 360) worstLast2s = Math.max(worstLast2s, Math.abs(Angles.wrap(s[0])));
      }
      assertThat(upright).as("first tick within 0.1 rad of upright").isBetween(40, 120);
      assertThat(worstLast2s).as("largest |angle| from upright over the last 2 s").isLessThan(0.05);
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(robot.loop().stats().faults()).isZero();
    }
  }
}
