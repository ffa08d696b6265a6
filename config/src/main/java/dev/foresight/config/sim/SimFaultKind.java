package dev.foresight.config.sim;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A fault the simulator can inject into its emulated hardware. */
public enum SimFaultKind {
  /** The chip does not acknowledge its address: unplugged, or a broken SDA/SCL/VCC wire. */
  NACK,
  /** Transactions hang until the bus times out (a chip holding SCL low). */
  TIMEOUT,
  /** The sensor's output stops changing (frozen registers or edges). */
  STUCK,
  /**
   * The sensor reports a reading the driver must reject (AS5600 magnet not detected, MPU-6050
   * saturated outputs, INA219 math overflow, ADS1115 full scale, an illegal encoder transition);
   * it reaches the loop as NaN with status invalid.
   */
  NAN,
  /** AS5600: no magnet detected. */
  MAGNET_MISSING,
  /** AS5600: magnet too weak (too far). */
  MAGNET_WEAK,
  /** AS5600: magnet too strong (too close). */
  MAGNET_STRONG,
  /** The motor leads are open: the bridge drives nothing, no current flows. */
  MOTOR_DISCONNECTED,
  /** The supply sags and every chip restarts with its power-on register values. */
  BROWNOUT,
  /** A digital input reads active (a button pressed, a limit switch hit). */
  ACTIVE;

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
