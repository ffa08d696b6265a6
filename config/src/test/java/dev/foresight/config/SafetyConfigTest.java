package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.control.PidConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SafetyConfigTest {

  private static final String ROBOT = """
      robot: {id: bot}
      loop: {rate_hz: 20}
      sim: {plant: pendulum}
      state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
      action: [{name: torque, min: -2, max: 2, target: plant.torque}]
      controller: {type: swingup}
      """;

  private static SafetyConfig safety(String yaml) throws ConfigException {
    return ConfigLoader.parse(ROBOT + yaml, Path.of("robot.yaml")).safety();
  }

  @Test
  void defaultLaddersStopOnSensorFaultsAndUseTheFallbackOnlyWhenThereIsOne() throws ConfigException {
    SafetyConfig plain = safety("");
    assertThat(plain.ladder(FaultClass.SENSOR_INVALID)).containsExactly(LadderStep.of(Reaction.SAFE_STOP, 0));
    assertThat(plain.ladder(FaultClass.PLANNER_ERROR)).containsExactly(LadderStep.of(Reaction.SAFE_STOP, 0));
    assertThat(plain.ladder(FaultClass.PLANNER_OVERRUN))
        .containsExactly(LadderStep.of(Reaction.WARN, 0), LadderStep.of(Reaction.SAFE_STOP, 500));

    SafetyConfig withFallback = safety("""
        safety:
          fallback:
            type: pid
            loops: [{action: torque, state: theta, rate: theta_dot, kp: 10, kd: 2}]
        """);
    assertThat(withFallback.fallback()).get().isInstanceOf(PidConfig.class);
    assertThat(withFallback.ladder(FaultClass.PLANNER_ERROR)).containsExactly(LadderStep.of(Reaction.FALLBACK, 0));
    assertThat(withFallback.ladder(FaultClass.SENSOR_STALE)).containsExactly(LadderStep.of(Reaction.SAFE_STOP, 0));
  }

  @Test
  void aLostOperatorLinkWarnsThenHoldsOrFallsBackThenStops() throws ConfigException {
    assertThat(safety("").ladder(FaultClass.LINK_LOST)).containsExactly(LadderStep.of(Reaction.WARN, 0),
        LadderStep.of(Reaction.HOLD, 1_000), LadderStep.of(Reaction.SAFE_STOP, 3_000));
    SafetyConfig withFallback = safety("""
        safety:
          link_loss: {heartbeat_timeout_ms: 1500}
          fallback: {type: pid, loops: [{action: torque, state: theta, kp: 10}]}
        """);
    assertThat(withFallback.ladder(FaultClass.LINK_LOST)).containsExactly(LadderStep.of(Reaction.WARN, 0),
        LadderStep.of(Reaction.FALLBACK, 1_000), LadderStep.of(Reaction.SAFE_STOP, 3_000));
    assertThat(withFallback.linkLoss().heartbeatTimeoutNs()).isEqualTo(1_500_000_000L);
    assertThat(safety("").linkLoss().ignore()).as("on unless explicitly ignored").isFalse();
    assertThat(safety("").linkLoss().heartbeatTimeoutNs()).as("no heartbeat required by default").isZero();
  }

  @Test
  void anActuatorExpiresAfter100MsOrThreePeriods() throws ConfigException {
    RobotConfig config = ConfigLoader.parse(ROBOT, Path.of("robot.yaml"));
    assertThat(config.action().getFirst().expiryNs(10_000_000L)).isEqualTo(100_000_000L);
    assertThat(config.action().getFirst().expiryNs(50_000_000L)).as("20 Hz: three periods").isEqualTo(150_000_000L);
  }

  @Test
  void aConfiguredLadderReplacesTheDefaultForItsClassOnly() throws ConfigException {
    SafetyConfig s = safety("""
        safety:
          ladder:
            sensor_stale: [{reaction: warn}, {reaction: hold, after_ms: 20}, {reaction: safe_stop, after_ms: 200}]
        """);
    assertThat(s.ladder(FaultClass.SENSOR_STALE)).extracting(LadderStep::reaction)
        .containsExactly(Reaction.WARN, Reaction.HOLD, Reaction.SAFE_STOP);
    assertThat(s.ladder(FaultClass.SENSOR_INVALID)).containsExactly(LadderStep.of(Reaction.SAFE_STOP, 0));
  }

  @Test
  void automaticThresholdsFollowTheLoopPeriod() throws ConfigException {
    SafetyConfig s = safety("");
    long ms = 1_000_000L;
    assertThat(s.watchdogTimeoutNs(ms)).isEqualTo(100 * ms);
    assertThat(s.watchdogMissedDeadlines(ms)).as("1 kHz: 100 periods fit in 100 ms").isEqualTo(100);
    assertThat(s.watchdogMissedDeadlines(50 * ms)).as("20 Hz: the 150 ms timeout holds 3 periods").isEqualTo(3);
    assertThat(new SafetyConfig(null, 80.0, null, null, null, null, null, null, null, null).watchdogMissedDeadlines(50 * ms))
        .as("never fewer than 2").isEqualTo(2);
    assertThat(s.sensors().staleAfterNs(ms)).isEqualTo(50 * ms);
    assertThat(s.sensors().staleAfterNs(50 * ms)).isEqualTo(150 * ms);
    assertThat(s.sensors().stuckAfterNs()).isZero();
    assertThat(s.recoverAfterNs()).isEqualTo(500 * ms);
  }
}
