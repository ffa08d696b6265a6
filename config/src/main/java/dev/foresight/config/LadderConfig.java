package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The failsafe ladder: for each fault class, the reactions that apply as the fault persists,
 * mildest first (warn, then hold or fallback, then safe stop). A class left out (or given an empty
 * list) gets its default ladder, {@link #defaultSteps}.
 *
 * <pre>{@code
 * safety:
 *   ladder:
 *     planner_overrun:
 *       - {reaction: warn}
 *       - {reaction: fallback, after_ms: 100}
 *       - {reaction: safe_stop, after_ms: 2000}
 * }</pre>
 */
public record LadderConfig(
    @JsonPropertyDescription("No new sample for safety.sensors.stale_after_ms") List<LadderStep> sensorStale,
    @JsonPropertyDescription("NaN or infinite reading, no answer, or an invalid reading") List<LadderStep> sensorInvalid,
    @JsonPropertyDescription("A state variable outside its min/max") List<LadderStep> sensorOutOfRange,
    @JsonPropertyDescription("The same reading for safety.sensors.stuck_after_ms") List<LadderStep> sensorStuck,
    @JsonPropertyDescription("An actuator write failed") List<LadderStep> actuatorWrite,
    @JsonPropertyDescription("The planner or controller threw") List<LadderStep> plannerError,
    @JsonPropertyDescription("The plan was late (the shifted previous plan is applied meanwhile)")
        List<LadderStep> plannerOverrun,
    @JsonPropertyDescription("The planner or controller produced a NaN or infinite action")
        List<LadderStep> actionInvalid,
    @JsonPropertyDescription("The world model's predictions disagree with what happens (trust monitor)")
        List<LadderStep> modelUntrusted,
    @JsonPropertyDescription("No operator link: the MQTT connection is down or the operator's heartbeat stopped")
        List<LadderStep> linkLost) {

  /** Every class on its default ladder. */
  public static final LadderConfig DEFAULT = new LadderConfig(null, null, null, null, null, null, null, null, null, null);

  public LadderConfig {
    sensorStale = copy(sensorStale);
    sensorInvalid = copy(sensorInvalid);
    sensorOutOfRange = copy(sensorOutOfRange);
    sensorStuck = copy(sensorStuck);
    actuatorWrite = copy(actuatorWrite);
    plannerError = copy(plannerError);
    plannerOverrun = copy(plannerOverrun);
    actionInvalid = copy(actionInvalid);
    modelUntrusted = copy(modelUntrusted);
    linkLost = copy(linkLost);
  }

  private static List<LadderStep> copy(List<LadderStep> steps) {
    return steps != null ? List.copyOf(steps) : List.of();
  }

  /** The rungs as configured for {@code fault}; empty means the default. */
  public List<LadderStep> configured(FaultClass fault) {
    return switch (fault) {
      case SENSOR_STALE -> sensorStale;
      case SENSOR_INVALID -> sensorInvalid;
      case SENSOR_OUT_OF_RANGE -> sensorOutOfRange;
      case SENSOR_STUCK -> sensorStuck;
      case ACTUATOR_WRITE -> actuatorWrite;
      case PLANNER_ERROR -> plannerError;
      case PLANNER_OVERRUN -> plannerOverrun;
      case ACTION_INVALID -> actionInvalid;
      case MODEL_UNTRUSTED -> modelUntrusted;
      case LINK_LOST -> linkLost;
    };
  }

  /** The rungs that apply to {@code fault}: as configured, or the default. */
  public List<LadderStep> steps(FaultClass fault, boolean hasFallback) {
    List<LadderStep> steps = configured(fault);
    return steps.isEmpty() ? defaultSteps(fault, hasFallback) : steps;
  }

  /**
   * The default ladders. Sensor and actuator faults stop at once: a robot that cannot see or drive
   * itself should not move. A failing planner hands over to the fallback controller when there is
   * one, and stops otherwise; a late plan is first only a warning (the shifted previous plan is
   * applied meanwhile). An untrusted world model hands over to the fallback controller (Simplex: a
   * simple controller that does not depend on the model), and without one stops after half a second.
   * A lost operator link (no remote e-stop) warns, then holds the last command (or hands over to the
   * fallback controller) after a second, and stops after three (as the FRC Driver Station disables a
   * robot whose link drops, and PX4's data-link-loss failsafe acts after {@code COM_DL_LOSS_T}).
   */
  public static List<LadderStep> defaultSteps(FaultClass fault, boolean hasFallback) {
    return switch (fault) {
      case SENSOR_STALE, SENSOR_INVALID, SENSOR_OUT_OF_RANGE, SENSOR_STUCK, ACTUATOR_WRITE ->
          List.of(LadderStep.of(Reaction.SAFE_STOP, 0));
      case PLANNER_ERROR, ACTION_INVALID -> List.of(LadderStep.of(hasFallback ? Reaction.FALLBACK : Reaction.SAFE_STOP, 0));
      case MODEL_UNTRUSTED -> hasFallback ? List.of(LadderStep.of(Reaction.FALLBACK, 0))
          : List.of(LadderStep.of(Reaction.WARN, 0), LadderStep.of(Reaction.SAFE_STOP, 500));
      case LINK_LOST -> List.of(LadderStep.of(Reaction.WARN, 0),
          LadderStep.of(hasFallback ? Reaction.FALLBACK : Reaction.HOLD, 1_000), LadderStep.of(Reaction.SAFE_STOP, 3_000));
      case PLANNER_OVERRUN -> hasFallback
          ? List.of(LadderStep.of(Reaction.WARN, 0), LadderStep.of(Reaction.FALLBACK, 100))
          : List.of(LadderStep.of(Reaction.WARN, 0), LadderStep.of(Reaction.SAFE_STOP, 500));
    };
  }
}
