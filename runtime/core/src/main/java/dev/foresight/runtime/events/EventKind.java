package dev.foresight.runtime.events;

import java.util.Locale;

/** What happened: the transition an {@link Event} records. */
public enum EventKind {
  /** The supervisor armed: actions pass to the actuators. */
  ARMED,
  /** The supervisor disarmed: outputs returned to their safe values. */
  DISARMED,
  /** An arm (or reset) command was refused; {@link Event#detail()} says why. */
  REFUSED,
  /** A latched stop was cleared back to disarmed. */
  RESET,
  /** The emergency stop latched (command, e-stop input or watchdog). */
  ESTOP,
  /** A safe stop latched (a fault reached the last rung of its ladder, or a phase failed). */
  SAFE_STOP,
  /** A fault was detected; {@link Event#response()} is the first rung of its ladder. */
  FAULT,
  /** A fault persisted and its ladder moved to a harsher rung. */
  ESCALATED,
  /** A fault has been gone for the recovery time; its reaction ended. */
  RECOVERED,
  /** The fallback controller took over from the primary one. */
  FALLBACK,
  /** The primary controller took back over from the fallback one. */
  PRIMARY,
  /** The watchdog found the loop stalled or missing deadlines and forced the outputs safe. */
  WATCHDOG,
  /** A burst of loop overruns ended; one event per burst, naming the phase that took the time. */
  OVERRUN,
  /**
   * The online adaptation's gate passed a correction and it now plans ({@link Event#count()}: its
   * version; {@link Event#detail()}: the gate's numbers).
   */
  MODEL_SWAP,
  /**
   * A {@code model_untrusted} alarm came within the rollback window of a swap: the previous
   * version plans again ({@link Event#count()}: that version).
   */
  MODEL_ROLLBACK,
  /**
   * The recorder stopped on an error (a full or removed disk): the robot runs on without recording
   * ({@link Event#subject()}: the file; {@link Event#detail()}: the error).
   */
  RECORDING_STOPPED,
  /** The process is shutting down; outputs were made safe. */
  SHUTDOWN;

  /** Lowercase name for JSON and logs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
