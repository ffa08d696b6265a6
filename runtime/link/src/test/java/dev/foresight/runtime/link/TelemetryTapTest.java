package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The control thread's side of telemetry (the ring itself is tested in runtime.handoff). */
class TelemetryTapTest {

  @Test
  void decimatesTheLoopRateToTheTelemetryRate() throws Exception {
    try (var robot = dev.foresight.runtime.Robot.assemble(dev.foresight.runtime.TestConfigs.example("pendulum-gym.yaml"),
        new dev.foresight.runtime.time.SteppedClock())) {
      assertThat(new TelemetryTap(robot.loop(), 500, 100, 8).decimation()).isEqualTo(5);
      assertThat(new TelemetryTap(robot.loop(), 20, 10, 8).decimation()).isEqualTo(2);
      TelemetryTap every = new TelemetryTap(robot.loop(), 20, 20, 8);
      assertThat(every.decimation()).isEqualTo(1);
      for (int tick = 1; tick <= 3; tick++) robot.loop().doWork(tick * robot.runner().periodNs());
      assertThat(every.pending()).isEqualTo(3);
    }
  }
}
