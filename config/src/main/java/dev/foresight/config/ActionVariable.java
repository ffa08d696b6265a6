package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A named action variable: one element of the action vector sent to the actuators.
 *
 * @param name     identifier used in models, telemetry and recordings ([a-z][a-z0-9_]*)
 * @param unit     SI unit, e.g. {@code N*m}, {@code N}, {@code V}
 * @param min      lowest command the safety supervisor lets through (clipped)
 * @param max      highest command the safety supervisor lets through (clipped)
 * @param slewPerS largest change per second the supervisor lets through (infinite: no slew limit)
 * @param safe     value held while disarmed or stopped; must lie in [min, max]
 * @param target   where the value goes: {@code <device>} or {@code <device>.<channel>}, or
 *                 {@code plant.<variable>} for the simulator's perfect actuators
 * @param expiryMs the actuator's expiry (WPILib's MotorSafety): not written for this long, it is put in
 *                 its safe state by the watchdog thread, whatever the loop thread does; 0 means the
 *                 larger of 100 ms and three loop periods
 */
public record ActionVariable(
    @JsonProperty(required = true) @JsonPropertyDescription("Identifier: [a-z][a-z0-9_]*") String name,
    @JsonPropertyDescription("SI unit, e.g. N*m, N, V") String unit,
    @JsonProperty(required = true) @JsonPropertyDescription("Lowest command let through (clipped)") Double min,
    @JsonProperty(required = true) @JsonPropertyDescription("Highest command let through (clipped)") Double max,
    @JsonPropertyDescription("Largest change per second let through; absent means no slew limit") Double slewPerS,
    @JsonPropertyDescription("Value held while disarmed or stopped; within [min, max]") Double safe,
    @JsonProperty(required = true)
        @JsonPropertyDescription("<device>, <device>.<channel>, or plant.<variable> for the simulator's perfect actuators")
        String target,
    @JsonPropertyDescription("Not written for this long (ms), the actuator goes to its safe state (checked by the watchdog thread); 0 means max(100 ms, 3 loop periods)")
        Double expiryMs) {

  public ActionVariable {
    unit = unit != null ? unit : "";
    slewPerS = slewPerS != null ? slewPerS : Double.POSITIVE_INFINITY;
    safe = safe != null ? safe : 0.0;
    expiryMs = expiryMs != null ? expiryMs : 0.0;
  }

  /** The expiry for a loop of the given period, resolving 0 to max(100 ms, 3 periods). */
  public long expiryNs(long periodNs) {
    return expiryMs > 0 ? (long) (expiryMs * 1e6) : Math.max(100_000_000L, 3 * periodNs);
  }
}
