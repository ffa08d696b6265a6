package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.control.ControllerConfig;
import java.util.List;
import java.util.Optional;

/**
 * Limits and reactions of the safety supervisor, the last stage before the actuators. Per-action
 * clip and slew limits live on {@link ActionVariable}.
 *
 * @param armOnStart              arm as soon as the loop runs (simulation and demos only; a real
 *                                robot should wait for an operator's arm command)
 * @param watchdogTimeoutMs       actuators go to their safe state when the loop has not completed a
 *                                tick for this long; 0 means the larger of 100 ms and three loop periods
 * @param watchdogMissedDeadlines the watchdog also trips after this many consecutive missed
 *                                deadlines; 0 means as many periods as fit in the timeout (at least 2)
 * @param estopInput              name of a {@code gpio_input} device that latches the e-stop when active
 * @param envelope                bounds on named state variables and the reaction when one is crossed
 * @param sensors                 thresholds of the sensor health checks
 * @param ladder                  per fault class, the reactions as the fault persists
 * @param fallback                the controller that takes over on a {@code fallback} rung (pid, lqr or swingup)
 * @param recoverAfterMs          a fault must be gone this long before its reaction ends (hysteresis;
 *                                the primary controller takes back over only then)
 * @param linkLoss                how the operator link's loss ({@code link_lost}) is detected, or ignored
 */
public record SafetyConfig(
    @JsonPropertyDescription("Arm as soon as the loop runs (simulation and demos; real robots wait for an arm command)")
        Boolean armOnStart,
    @JsonPropertyDescription("Safe state when no tick completed for this long, in ms; 0 means the larger of 100 ms and three loop periods")
        Double watchdogTimeoutMs,
    @JsonPropertyDescription("Safe state after this many consecutive missed deadlines; 0 means as many periods as fit in the timeout")
        Integer watchdogMissedDeadlines,
    @JsonPropertyDescription("Name of a gpio_input device that latches the e-stop when active")
        Optional<String> estopInput,
    @JsonPropertyDescription("Bounds on named state variables and the reaction when one is crossed")
        List<EnvelopeBound> envelope,
    @JsonPropertyDescription("Thresholds of the sensor health checks") SensorHealthConfig sensors,
    @JsonPropertyDescription("Per fault class, the reactions as the fault persists (warn, hold/fallback, safe_stop)")
        LadderConfig ladder,
    @JsonPropertyDescription("Controller that takes over on a fallback rung: type pid, lqr or swingup")
        Optional<ControllerConfig> fallback,
    @JsonPropertyDescription("A fault must be gone this long (ms) before its reaction ends; 0 ends it at once")
        Double recoverAfterMs,
    @JsonPropertyDescription("How a lost operator link (fault class link_lost) is detected, or ignored")
        LinkLossConfig linkLoss) {

  /** Defaults: wait for arming, automatic watchdog, no e-stop input, no envelope, default ladders. */
  public static final SafetyConfig DEFAULT = new SafetyConfig(null, null, null, null, null, null, null, null, null, null);

  public SafetyConfig {
    armOnStart = armOnStart != null ? armOnStart : false;
    watchdogTimeoutMs = watchdogTimeoutMs != null ? watchdogTimeoutMs : 0.0;
    watchdogMissedDeadlines = watchdogMissedDeadlines != null ? watchdogMissedDeadlines : 0;
    estopInput = estopInput != null ? estopInput : Optional.empty();
    envelope = envelope != null ? List.copyOf(envelope) : List.of();
    sensors = sensors != null ? sensors : SensorHealthConfig.DEFAULT;
    ladder = ladder != null ? ladder : LadderConfig.DEFAULT;
    fallback = fallback != null ? fallback : Optional.empty();
    recoverAfterMs = recoverAfterMs != null ? recoverAfterMs : 500.0;
    linkLoss = linkLoss != null ? linkLoss : LinkLossConfig.DEFAULT;
  }

  /** The watchdog timeout for a loop of the given period, resolving 0 to max(100 ms, 3 periods). */
  public long watchdogTimeoutNs(long periodNs) {
    return watchdogTimeoutMs > 0 ? (long) (watchdogTimeoutMs * 1e6) : Math.max(100_000_000L, 3 * periodNs);
  }

  /** Consecutive missed deadlines that trip the watchdog, resolving 0 to timeout / period (at least 2). */
  public int watchdogMissedDeadlines(long periodNs) {
    return watchdogMissedDeadlines > 0 ? watchdogMissedDeadlines
        : (int) Math.max(2, watchdogTimeoutNs(periodNs) / periodNs);
  }

  /** The rungs that apply to {@code fault}, with the defaults resolved. */
  public List<LadderStep> ladder(FaultClass fault) {
    return ladder.steps(fault, fallback.isPresent());
  }

  /** The recovery (hysteresis) time in ns. */
  public long recoverAfterNs() {
    return (long) (recoverAfterMs * 1e6);
  }
}
