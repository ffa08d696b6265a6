package dev.foresight.runtime.safety;

/** What the safety supervisor lets through to the actuators. */
public enum Mode {
  /** Outputs held at their safe values until an operator (or arm_on_start) arms. */
  DISARMED,
  /** Controller actions pass, clipped and slew-limited. */
  ARMED,
  /** Latched stop after a fault; needs reset, then arm. */
  SAFE_STOP,
  /** Latched emergency stop; needs reset, then arm. */
  ESTOP;

  /** Lowercase name for displays and telemetry. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
