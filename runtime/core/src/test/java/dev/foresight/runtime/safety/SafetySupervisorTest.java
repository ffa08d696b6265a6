package dev.foresight.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor on its own: limits, slew, latches (reactions to faults: SafetyReactionsTest). */
class SafetySupervisorTest {

  private static final long TICK = 10_000_000L;   // 100 Hz
  private SafetySupervisor safety;
  private final AtomicInteger outputsSafe = new AtomicInteger();
  private final double[] applied = new double[1];
  private final double[] state = {0, 0};

  @BeforeEach
  void setUp(@TempDir Path dir) {
    RobotConfig config = TestConfigs.write(dir, """
        robot: {id: safety}
        loop: {rate_hz: 100}
        sim: {plant: pendulum}
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, slew_per_s: 10, safe: 0.5, target: plant.torque}]
        controller: {type: swingup}
        """).config();
    safety = new SafetySupervisor(config, List.of("plant.theta", "plant.theta_dot"), TICK, Optional.empty(),
        new SteppedClock(), new EventLog(64, 0), outputsSafe::incrementAndGet);
  }

  @Test
  @FaultCell(fault = "model_untrusted", reaction = "warn, safe stop after 500 ms (no fallback)", ticks = "1 / 51")
  void anUntrustedModelWarnsThenStopsAfterHalfASecondWithoutAFallback() {
    safety.arm("test");
    int warnAt = -1;
    int stopAt = -1;
    for (int i = 1; i <= 100 && stopAt < 0; i++) {
      safety.trusted(true, "theta", 1.5, 10.0);   // the monitor alarms on theta every tick
      safety.apply(i * TICK, state, new double[] {1.0}, applied);
      if (warnAt < 0 && safety.reaction() == dev.foresight.runtime.events.Response.WARN) warnAt = i;
      if (safety.mode() == Mode.SAFE_STOP) stopAt = i;
    }
    assertThat(warnAt).isEqualTo(1);
    assertThat(stopAt).as("500 ms after the first alarm").isEqualTo(51);
    assertThat(safety.reason()).isEqualTo("model_untrusted theta");
  }

  @Test
  void holdsTheSafeValueUntilArmed() {
    safety.apply(TICK, state, new double[] {1.0}, applied);
    assertThat(applied[0]).isEqualTo(0.5);
    assertThat(safety.mode()).isEqualTo(Mode.DISARMED);
  }

  @Test
  void clipsToLimitsAndLimitsSlewStartingFromTheSafeValue() {
    safety.apply(TICK, state, new double[] {0.5}, applied);
    safety.arm("test");
    safety.apply(2 * TICK, state, new double[] {5.0}, applied);
    assertThat(applied[0]).isEqualTo(0.6, within(1e-12));   // 10/s * 10 ms from the safe 0.5
    for (int i = 3; i < 30; i++) safety.apply(i * TICK, state, new double[] {5.0}, applied);
    assertThat(applied[0]).isEqualTo(2.0);
    safety.apply(30 * TICK, state, new double[] {-5.0}, applied);
    assertThat(applied[0]).isEqualTo(1.9, within(1e-12));
  }

  @Test
  void estopWinsOverEverythingAndASafeStopCannotReplaceIt() {
    safety.arm("test");
    safety.estop("cli", "operator");
    safety.tickFailed(TICK, "act", new IllegalStateException("later fault"));
    safety.apply(TICK, state, new double[] {1.0}, applied);
    assertThat(safety.mode()).isEqualTo(Mode.ESTOP);
    assertThat(safety.reason()).isEqualTo("command cli: operator");
    assertThat(applied[0]).isEqualTo(0.5);
    assertThat(safety.arm("test")).isFalse();
    assertThat(outputsSafe.get()).isEqualTo(2);
  }

  @Test
  void anEstopAfterTheSafetyPhaseIsStillHonouredByTheGuardBeforeTheWrite() {
    safety.arm("test");
    for (int i = 1; i <= 20; i++) safety.apply(i * TICK, state, new double[] {2.0}, applied);
    assertThat(applied[0]).isEqualTo(2.0);
    safety.estop("mqtt", "");   // another thread, between the safety and act phases
    safety.guard(applied);
    assertThat(applied[0]).isEqualTo(0.5);
  }

  @Test
  void shutdownLatchesASafeStopAndMakesOutputsSafe() {
    safety.arm("test");
    safety.shutdown("signal");
    assertThat(safety.mode()).isEqualTo(Mode.SAFE_STOP);
    assertThat(safety.reason()).isEqualTo("shutdown: signal");
    assertThat(outputsSafe.get()).isEqualTo(1);
  }
}
