package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the safety supervisor judges sensor channels. NaN and infinite readings, channels that do
 * not answer, and state variables outside their {@code min}/{@code max} are always faults; these
 * settings tune the two time-based checks.
 *
 * @param staleAfterMs a channel that delivered no new sample for this long is stale; 0 means the
 *                     larger of 50 ms and three loop periods
 * @param stuckAfterMs a channel whose reading has not changed by a single bit for this long is
 *                     stuck; 0 turns the check off (quantized sensors at rest legitimately repeat)
 */
public record SensorHealthConfig(
    @JsonPropertyDescription("No new sample for this long (ms) is stale; 0 means max(50 ms, 3 loop periods)")
        Double staleAfterMs,
    @JsonPropertyDescription("An unchanged reading for this long (ms) is stuck; 0 turns the check off")
        Double stuckAfterMs) {

  /** Defaults: automatic stale threshold, no stuck check. */
  public static final SensorHealthConfig DEFAULT = new SensorHealthConfig(null, null);

  public SensorHealthConfig {
    staleAfterMs = staleAfterMs != null ? staleAfterMs : 0.0;
    stuckAfterMs = stuckAfterMs != null ? stuckAfterMs : 0.0;
  }

  /** The stale threshold for a loop of the given period, resolving 0. */
  public long staleAfterNs(long periodNs) {
    return staleAfterMs > 0 ? (long) (staleAfterMs * 1e6) : Math.max(50_000_000L, 3 * periodNs);
  }

  /** The stuck threshold in ns, or 0 when the check is off. */
  public long stuckAfterNs() {
    return (long) (stuckAfterMs * 1e6);
  }
}
