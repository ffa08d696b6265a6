package dev.foresight.config.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/**
 * A fault injected into the emulated hardware for a window of simulated time.
 *
 * <pre>{@code
 * sim:
 *   faults:
 *     - {device: pivot, kind: magnet_missing, start_s: 3.0, duration_s: 0.5}
 *     - {kind: brownout, start_s: 6.0, duration_s: 0.2, voltage_v: 5.0}
 * }</pre>
 *
 * @param device    the device it hits (every device for {@code brownout}, which names none)
 * @param kind      what goes wrong
 * @param startS    simulated time it starts, s from the start of the run
 * @param durationS how long it lasts; absent means until the end of the run
 * @param voltageV  supply voltage during a {@code brownout}, V (default 5)
 */
public record SimFaultConfig(
    @JsonPropertyDescription("Device it hits; omit for brownout") Optional<String> device,
    @JsonProperty(required = true) @JsonPropertyDescription("What goes wrong") SimFaultKind kind,
    @JsonPropertyDescription("Simulated time it starts, s") Double startS,
    @JsonPropertyDescription("How long it lasts, s; absent means until the end") Optional<Double> durationS,
    @JsonPropertyDescription("Supply voltage during a brownout, V") Optional<Double> voltageV) {

  /** Supply voltage during a brown-out when the config does not say. */
  public static final double DEFAULT_BROWNOUT_V = 5.0;

  public SimFaultConfig {
    device = device != null ? device : Optional.empty();
    startS = startS != null ? startS : 0.0;
    durationS = durationS != null ? durationS : Optional.empty();
    voltageV = voltageV != null ? voltageV : Optional.empty();
  }

  /** Simulated time the fault ends, s (infinite when it lasts to the end). */
  public double endS() {
    return startS + durationS.orElse(Double.POSITIVE_INFINITY);
  }

  /** Whether the fault is active at simulated time {@code timeS}. */
  public boolean activeAt(double timeS) {
    return timeS >= startS && timeS < endS();
  }
}
