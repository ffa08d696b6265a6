package dev.foresight.runtime.loop;

import java.util.Locale;

/** The phases of one tick, in the order they run. */
public enum Phase {
  /** Read every sensor channel. */
  SENSE,
  /** Check sensor health and the e-stop input, then estimate the state. */
  ESTIMATE,
  /** Ask the controller or planner for an action. */
  PLAN,
  /** The supervisor: arming, stops, ladder reactions, fallback, clip, slew, envelope. */
  SAFETY,
  /** Write the supervised action to the actuators. */
  ACT,
  /** The world model predicts the next state from this tick's state and applied action (trust monitor). */
  PREDICT,
  /** Publish the tick to observers (snapshot, telemetry taps). */
  PUBLISH,
  /** Offer the tick to the recording taps. */
  RECORD;

  /** Every phase, in order (a shared array: do not modify). */
  static final Phase[] ALL = values();

  private final String id = name().toLowerCase(Locale.ROOT);

  /** Lowercase name for displays, JSON and events (a constant string: safe on the control thread). */
  public String id() {
    return id;
  }
}
