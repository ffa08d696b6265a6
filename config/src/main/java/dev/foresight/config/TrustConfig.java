package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Optional;

/**
 * Trust in the world model: the monitor that compares every one-step prediction with what happened
 * and raises {@code model_untrusted} on the failsafe ladder (docs/trust.md).
 *
 * <pre>{@code
 * trust:
 *   false_alarms_per_hour: 0.1     # one false alarm per 10 h of nominal running
 *   hysteresis_s: 2.0              # clean time before the planner gets the robot back
 * }</pre>
 *
 * @param enabled            watch the model; default: on when the robot has a world model
 * @param falseAlarmsPerHour the false-alarm rate the threshold is set for (the model's calibration
 *                           gives the threshold for any rate)
 * @param hysteresisS        seconds without an alarm before the fault ends (the planner gets the
 *                           robot back from the fallback)
 * @param thresholds         the monitor's thresholds for a model without calibration metadata; a
 *                           calibrated model's own are used otherwise
 */
public record TrustConfig(
    @JsonPropertyDescription("Watch the world model's predictions (default: on when there is a world model)")
        Boolean enabled,
    @JsonPropertyDescription("Target rate of false alarms on a nominal robot, per hour (default 0.1: one per 10 h)")
        Double falseAlarmsPerHour,
    @JsonPropertyDescription("Seconds without an alarm before model_untrusted ends (default 2)") Double hysteresisS,
    @JsonPropertyDescription("Thresholds for a world model without calibration metadata")
        Optional<TrustThresholds> thresholds) {

  /** The monitor on whenever there is a world model, one false alarm per 10 h, 2 s of hysteresis. */
  public static final TrustConfig DEFAULT = new TrustConfig(null, null, null, null);

  public TrustConfig {
    falseAlarmsPerHour = falseAlarmsPerHour != null ? falseAlarmsPerHour : 0.1;
    hysteresisS = hysteresisS != null ? hysteresisS : 2.0;
    thresholds = thresholds != null ? thresholds : Optional.empty();
  }

  /** Whether the monitor runs for a robot that has (or has not) a world model. */
  public boolean enabledFor(boolean hasWorldModel) {
    return enabled != null ? enabled && hasWorldModel : hasWorldModel;
  }

  /**
   * The monitor's thresholds given in config, for a model that carries none.
   *
   * @param residualScale  RMS one-step residual per state variable, in the variables' units
   * @param spreadQuantile for an ensemble, the spread per state variable above which it disagrees
   *                       with itself (empty: the spread is not watched)
   * @param cusumH         the CUSUM threshold
   * @param cusumK         the CUSUM reference (default 2)
   * @param cusumCap       the cap on one tick's squared normalized value (default 9)
   */
  public record TrustThresholds(
      @JsonPropertyDescription("RMS one-step residual per state variable, in state order") List<Double> residualScale,
      @JsonPropertyDescription("Ensemble spread per state variable that counts as disagreement (optional)")
          List<Double> spreadQuantile,
      @JsonPropertyDescription("CUSUM threshold") Double cusumH,
      @JsonPropertyDescription("CUSUM reference (default 2)") Double cusumK,
      @JsonPropertyDescription("Cap on one tick's squared normalized value (default 9)") Double cusumCap) {

    public TrustThresholds {
      residualScale = residualScale != null ? List.copyOf(residualScale) : List.of();
      spreadQuantile = spreadQuantile != null ? List.copyOf(spreadQuantile) : List.of();
      cusumK = cusumK != null ? cusumK : 2.0;
      cusumCap = cusumCap != null ? cusumCap : 9.0;
    }
  }
}
