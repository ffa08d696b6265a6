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
 *   adaptation:
 *     enabled: true                # learn a correction in the shadow; swap it in through the gate
 * }</pre>
 *
 * @param enabled            watch the model; default: on when the robot has a world model
 * @param falseAlarmsPerHour the false-alarm rate the threshold is set for (the model's calibration
 *                           gives the threshold for any rate)
 * @param hysteresisS        seconds without an alarm before the fault ends (the planner gets the
 *                           robot back from the fallback)
 * @param thresholds         the monitor's thresholds for a model without calibration metadata; a
 *                           calibrated model's own are used otherwise
 * @param adaptation         online adaptation: a correction learned from the robot's own ticks, in the
 *                           shadow, swapped into the planner through a gate (default: off)
 */
public record TrustConfig(
    @JsonPropertyDescription("Watch the world model's predictions (default: on when there is a world model)")
        Boolean enabled,
    @JsonPropertyDescription("Target rate of false alarms on a nominal robot, per hour (default 0.1: one per 10 h)")
        Double falseAlarmsPerHour,
    @JsonPropertyDescription("Seconds without an alarm before model_untrusted ends (default 2)") Double hysteresisS,
    @JsonPropertyDescription("Thresholds for a world model without calibration metadata")
        Optional<TrustThresholds> thresholds,
    @JsonPropertyDescription("Online adaptation: a correction learned in the shadow, swapped in through a gate, rolled back on an alarm")
        Adaptation adaptation) {

  /** The monitor on whenever there is a world model, one false alarm per 10 h, 2 s of hysteresis, no adaptation. */
  public static final TrustConfig DEFAULT = new TrustConfig(null, null, null, null, null);

  public TrustConfig {
    falseAlarmsPerHour = falseAlarmsPerHour != null ? falseAlarmsPerHour : 0.1;
    hysteresisS = hysteresisS != null ? hysteresisS : 2.0;
    thresholds = thresholds != null ? thresholds : Optional.empty();
    adaptation = adaptation != null ? adaptation : Adaptation.DEFAULT;
  }

  /** The monitor's settings without adaptation. */
  public TrustConfig(Boolean enabled, Double falseAlarmsPerHour, Double hysteresisS,
      Optional<TrustThresholds> thresholds) {
    this(enabled, falseAlarmsPerHour, hysteresisS, thresholds, null);
  }

  /** The same settings with {@code adaptation} instead. */
  public TrustConfig withAdaptation(Adaptation adaptation) {
    return new TrustConfig(enabled, falseAlarmsPerHour, hysteresisS, thresholds, adaptation);
  }

  /**
   * Online adaptation (docs/trust.md, "Online adaptation"): a residual correction fitted by recursive
   * least squares off the control thread, predicting in the shadow beside the model; it enters the
   * planner only when the gate passes it, and a {@code model_untrusted} alarm soon after the swap
   * rolls it back.
   *
   * <pre>{@code
   * trust:
   *   adaptation:
   *     enabled: true
   *     forgetting: 0.99         # RLS memory of about 100 ticks
   *     shadow_s: 1.0            # in the shadow at least this long before a swap
   *     rollback_window_s: 5.0   # an alarm this soon after a swap rolls it back
   * }</pre>
   *
   * @param enabled          learn and swap (default false)
   * @param forgetting       RLS forgetting factor lambda, in (0.9, 1]; memory about 1 / (1 - lambda) ticks
   * @param minExcitation    {@code phi' P phi} below which a tick does not forget (no information, no forgetting)
   * @param traceCap         the largest trace the RLS covariance may reach
   * @param holdoutEvery     every n-th tick is held out from learning and judges the candidate (n >= 2)
   * @param shadowS          seconds a candidate predicts in the shadow (after a reset, a swap or a
   *                         rollback) before the gate may pass it
   * @param windowS          seconds of recent held-out ticks the gate judges on
   * @param minImprovement   the fraction by which the candidate's error must be below the current
   *                         model's, at one step and over the planner's horizon
   * @param nominalMargin    how much worse than the reference the candidate may be on the nominal
   *                         ticks (those before the first alarm); the reference is the larger of the
   *                         model's error there and the current model's error on the recent ticks
   * @param rollbackWindowS  a {@code model_untrusted} alarm within this many seconds of a swap rolls
   *                         it back to the previous version
   */
  public record Adaptation(
      @JsonPropertyDescription("Learn a correction in the shadow and swap it in through the gate (default false)")
          Boolean enabled,
      @JsonPropertyDescription("RLS forgetting factor, above 0.9 and at most 1 (default 0.99: a memory of about 100 ticks)")
          Double forgetting,
      @JsonPropertyDescription("Excitation phi'P phi below which a tick does not forget (default 1e-4)")
          Double minExcitation,
      @JsonPropertyDescription("Largest trace of the RLS covariance (default 1e4)") Double traceCap,
      @JsonPropertyDescription("Hold out every n-th tick from learning to judge the candidate (default 3)")
          Integer holdoutEvery,
      @JsonPropertyDescription("Seconds in the shadow before a swap (default 1)") Double shadowS,
      @JsonPropertyDescription("Seconds of recent held-out ticks the gate judges on (default 2)") Double windowS,
      @JsonPropertyDescription("Fraction by which the candidate's error must beat the current model's (default 0.1)")
          Double minImprovement,
      @JsonPropertyDescription("How much worse than the reference the candidate may be on nominal ticks (default 0.05)")
          Double nominalMargin,
      @JsonPropertyDescription("An alarm within this many seconds after a swap rolls it back (default 5)")
          Double rollbackWindowS) {

    /** Off, with the defaults for when it is turned on. */
    public static final Adaptation DEFAULT = new Adaptation(null, null, null, null, null, null, null, null, null, null);

    public Adaptation {
      enabled = enabled != null ? enabled : false;
      forgetting = forgetting != null ? forgetting : 0.99;
      minExcitation = minExcitation != null ? minExcitation : 1e-4;
      traceCap = traceCap != null ? traceCap : 1e4;
      holdoutEvery = holdoutEvery != null ? holdoutEvery : 3;
      shadowS = shadowS != null ? shadowS : 1.0;
      windowS = windowS != null ? windowS : 2.0;
      minImprovement = minImprovement != null ? minImprovement : 0.1;
      nominalMargin = nominalMargin != null ? nominalMargin : 0.05;
      rollbackWindowS = rollbackWindowS != null ? rollbackWindowS : 5.0;
    }

    /** The same settings, on or off. */
    public Adaptation withEnabled(boolean on) {
      return new Adaptation(on, forgetting, minExcitation, traceCap, holdoutEvery, shadowS, windowS, minImprovement,
          nominalMargin, rollbackWindowS);
    }
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
