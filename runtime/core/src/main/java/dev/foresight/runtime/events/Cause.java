package dev.foresight.runtime.events;

import dev.foresight.config.FaultClass;
import java.util.Locale;

/**
 * Why an {@link Event} happened. The fault causes match the failsafe ladder's fault classes
 * ({@link FaultClass}, keys of {@code safety.ladder}) one to one; the rest are commands, inputs and
 * the runtime's own checks.
 */
public enum Cause {
  /** An operator command; {@link Event#subject()} names where it came from (cli, mqtt...). */
  COMMAND,
  /** The e-stop input ({@code safety.estop_input}) was active or could not be read. */
  ESTOP_INPUT,
  /** No tick completed within the watchdog timeout. */
  WATCHDOG_STALL,
  /** The loop missed {@code safety.watchdog_missed_deadlines} deadlines in a row. */
  WATCHDOG_DEADLINES,
  /** A sensor channel gave no new sample for too long. */
  SENSOR_STALE,
  /** A sensor channel read NaN or infinity, did not answer, or reported an invalid reading. */
  SENSOR_INVALID,
  /** A state variable left its plausible range ({@code state[].min/max}). */
  SENSOR_OUT_OF_RANGE,
  /** A sensor channel read exactly the same value for too long. */
  SENSOR_STUCK,
  /** An actuator write failed. */
  ACTUATOR_WRITE,
  /** The planner or controller threw. */
  PLANNER_ERROR,
  /** The plan was late; the shifted previous plan was applied. */
  PLANNER_OVERRUN,
  /** The planner or controller produced a NaN or infinite action. */
  ACTION_INVALID,
  /** The world model's predictions disagree with what happens (the trust monitor's alarm). */
  MODEL_UNTRUSTED,
  /** No operator link: the MQTT connection is down, or the operator's heartbeat stopped. */
  LINK_LOST,
  /**
   * An actuator was not written for its expiry ({@code action[].expiry_ms}); the watchdog thread put it
   * in its safe state.
   */
  ACTUATOR_EXPIRED,
  /** The online adaptation of the world model ({@code trust.adaptation}): a swap or a rollback. */
  ADAPTATION,
  /** A state variable crossed a bound of {@code safety.envelope}. */
  ENVELOPE,
  /** Ticks ran past their deadline. */
  LOOP_OVERRUN,
  /** A loop phase other than the planner threw; the loop went safe and keeps running. */
  TICK_ERROR,
  /** The recording of the run ({@code recording}): its file could not be written. */
  RECORDING,
  /** The process is stopping (SIGTERM, Ctrl-C, end of run). */
  SHUTDOWN;

  /** Lowercase name for JSON and logs (the fault ones equal the ladder keys). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The event cause of a ladder fault class. */
  public static Cause of(FaultClass fault) {
    return switch (fault) {
      case SENSOR_STALE -> SENSOR_STALE;
      case SENSOR_INVALID -> SENSOR_INVALID;
      case SENSOR_OUT_OF_RANGE -> SENSOR_OUT_OF_RANGE;
      case SENSOR_STUCK -> SENSOR_STUCK;
      case ACTUATOR_WRITE -> ACTUATOR_WRITE;
      case PLANNER_ERROR -> PLANNER_ERROR;
      case PLANNER_OVERRUN -> PLANNER_OVERRUN;
      case ACTION_INVALID -> ACTION_INVALID;
      case MODEL_UNTRUSTED -> MODEL_UNTRUSTED;
      case LINK_LOST -> LINK_LOST;
    };
  }
}
