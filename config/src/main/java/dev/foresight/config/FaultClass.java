package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The fault classes the safety supervisor's failsafe ladder reacts to, one ladder each (keys of
 * {@code safety.ladder}). Envelope bounds carry their own reaction; loop stalls and missed deadlines
 * belong to the watchdog, which always forces the outputs safe.
 */
public enum FaultClass {
  /** A sensor channel gave no new sample for {@code safety.sensors.stale_after_ms}. */
  SENSOR_STALE,
  /** A sensor channel read NaN or infinity, did not answer, or reported an invalid reading. */
  SENSOR_INVALID,
  /** A state variable left its plausible range ({@code state[].min/max}). */
  SENSOR_OUT_OF_RANGE,
  /** A sensor channel read exactly the same value for {@code safety.sensors.stuck_after_ms}. */
  SENSOR_STUCK,
  /** An actuator write failed. */
  ACTUATOR_WRITE,
  /**
   * The planner or controller threw, found no valid sample, or its world model predicted NaN or
   * infinity.
   */
  PLANNER_ERROR,
  /** The plan was late (the shifted previous plan is applied meanwhile). */
  PLANNER_OVERRUN,
  /** The planner or controller produced a NaN or infinite action. */
  ACTION_INVALID,
  /**
   * The world model's predictions disagree with what happens beyond its calibrated thresholds: the
   * trust monitor's alarm, held for {@code trust.hysteresis_s}.
   */
  MODEL_UNTRUSTED,
  /**
   * No operator link: the MQTT connection is down, or (with {@code safety.link_loss.heartbeat_timeout_ms})
   * no operator heartbeat arrived within the timeout. Only for a robot that has a link.
   */
  LINK_LOST;

  /** The YAML key, e.g. {@code sensor_stale}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
