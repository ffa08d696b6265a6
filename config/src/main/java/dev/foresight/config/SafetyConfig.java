package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Optional;

/**
 * Limits and reactions of the safety supervisor, the last stage before the actuators. Per-action
 * clip and slew limits live on {@link ActionVariable}.
 *
 * @param armOnStart        arm as soon as the loop runs (simulation and demos only; a real robot
 *                          should wait for an operator's arm command)
 * @param watchdogTimeoutMs actuators go to their safe state when the loop has not completed a tick
 *                          for this long; 0 means the larger of 100 ms and three loop periods
 * @param estopInput        name of a {@code gpio_input} device that latches the e-stop when active
 * @param envelope          bounds on named state variables and the reaction when one is crossed
 */
public record SafetyConfig(
    @JsonPropertyDescription("Arm as soon as the loop runs (simulation and demos; real robots wait for an arm command)")
        Boolean armOnStart,
    @JsonPropertyDescription("Safe state when no tick completed for this long, in ms; 0 means the larger of 100 ms and three loop periods")
        Double watchdogTimeoutMs,
    @JsonPropertyDescription("Name of a gpio_input device that latches the e-stop when active")
        Optional<String> estopInput,
    @JsonPropertyDescription("Bounds on named state variables and the reaction when one is crossed")
        List<EnvelopeBound> envelope) {

  /** Defaults: wait for arming, automatic watchdog timeout, no e-stop input, no envelope. */
  public static final SafetyConfig DEFAULT = new SafetyConfig(null, null, null, null);

  public SafetyConfig {
    armOnStart = armOnStart != null ? armOnStart : false;
    watchdogTimeoutMs = watchdogTimeoutMs != null ? watchdogTimeoutMs : 0.0;
    estopInput = estopInput != null ? estopInput : Optional.empty();
    envelope = envelope != null ? List.copyOf(envelope) : List.of();
  }

  /** The watchdog timeout for a loop of the given period, resolving 0 to max(100 ms, 3 periods). */
  public long watchdogTimeoutNs(long periodNs) {
    return watchdogTimeoutMs > 0 ? (long) (watchdogTimeoutMs * 1e6) : Math.max(100_000_000L, 3 * periodNs);
  }
}
