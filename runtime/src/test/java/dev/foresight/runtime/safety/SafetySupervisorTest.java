package dev.foresight.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetySupervisorTest {

  private static final long TICK = 10_000_000L;   // 100 Hz
  private SafetySupervisor safety;
  private final double[] applied = new double[1];

  @BeforeEach
  void setUp(@TempDir Path dir) {
    RobotConfig config = TestConfigs.write(dir, """
        robot: {id: safety}
        loop: {rate_hz: 100}
        sim: {plant: pendulum}
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, slew_per_s: 10, safe: 0.5, target: plant.torque}]
        controller: {type: swingup}
        safety:
          envelope: [{variable: theta_dot, min: -8, max: 8, reaction: safe_stop}]
        """).config();
    safety = new SafetySupervisor(config);
  }

  @Test
  void holdsTheSafeValueUntilArmed() {
    safety.apply(TICK, new double[] {0, 0}, new double[] {1.0}, applied);
    assertThat(applied[0]).isEqualTo(0.5);
    assertThat(safety.mode()).isEqualTo(Mode.DISARMED);
  }

  @Test
  void clipsToLimitsAndLimitsSlew() {
    safety.arm();
    safety.apply(TICK, new double[] {0, 0}, new double[] {0.5}, applied);
    safety.apply(2 * TICK, new double[] {0, 0}, new double[] {5.0}, applied);
    assertThat(applied[0]).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-12)); // 10/s * 10 ms
    for (int i = 3; i < 30; i++) safety.apply(i * TICK, new double[] {0, 0}, new double[] {5.0}, applied);
    assertThat(applied[0]).isEqualTo(2.0);
  }

  @Test
  void leavingTheEnvelopeLatchesASafeStopUntilResetAndArm() {
    safety.arm();
    safety.apply(TICK, new double[] {0, 9.0}, new double[] {1.0}, applied);
    assertThat(safety.mode()).isEqualTo(Mode.SAFE_STOP);
    assertThat(applied[0]).isEqualTo(0.5);
    assertThat(safety.reason()).isEqualTo("state left its envelope (safety.envelope[0])");

    assertThat(safety.arm()).as("arm while stopped is refused").isFalse();
    safety.apply(2 * TICK, new double[] {0, 0}, new double[] {1.0}, applied);
    assertThat(applied[0]).isEqualTo(0.5);

    safety.reset();
    assertThat(safety.mode()).isEqualTo(Mode.DISARMED);
    assertThat(safety.arm()).isTrue();
  }

  @Test
  void estopWinsOverEverythingAndSurvivesASafeStop() {
    safety.arm();
    safety.estop("operator");
    safety.safeStop("later fault");
    safety.apply(TICK, new double[] {0, 0}, new double[] {1.0}, applied);
    assertThat(safety.mode()).isEqualTo(Mode.ESTOP);
    assertThat(safety.reason()).isEqualTo("operator");
    assertThat(applied[0]).isEqualTo(0.5);
    assertThat(safety.arm()).isFalse();
  }

  @Test
  void nonFiniteStateOrActionStops() {
    safety.arm();
    safety.apply(TICK, new double[] {Double.NaN, 0}, new double[] {1.0}, applied);
    assertThat(safety.mode()).isEqualTo(Mode.SAFE_STOP);
    assertThat(applied[0]).isEqualTo(0.5);

    safety.reset();
    safety.arm();
    safety.apply(2 * TICK, new double[] {0, 0}, new double[] {Double.POSITIVE_INFINITY}, applied);
    assertThat(safety.mode()).isEqualTo(Mode.SAFE_STOP);
    assertThat(safety.reason()).isEqualTo("controller produced a non-finite action");
  }
}
