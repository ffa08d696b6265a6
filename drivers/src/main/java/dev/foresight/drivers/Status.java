package dev.foresight.drivers;

/**
 * Health codes drivers report next to each value, one byte per channel so status arrays are
 * preallocated and written without allocation. The values are the runtime's
 * {@code Status} codes (a runtime test keeps them equal).
 */
public final class Status {

  /** A fresh, plausible reading; for an actuator, the command reached the device. */
  public static final byte OK = 0;
  /** The device did not answer (I2C NACK, timeout, bus error, GPIO write failure); the value is NaN. */
  public static final byte NO_RESPONSE = 1;
  /**
   * The device answered but its reading is invalid (AS5600 magnet missing, a saturated or
   * out-of-range raw value, an illegal encoder transition); the value is NaN. For an actuator: it
   * answered but its output is not what was commanded (the chip had reset, the motor is open).
   */
  public static final byte INVALID = 2;
  /** The device answered with the same sample as before (no new data); the value is the old one. */
  public static final byte STALE = 3;

  private Status() {}

  /** The worse of two codes (NO_RESPONSE > INVALID > STALE > OK). */
  public static byte worst(byte a, byte b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(byte status) {
    return switch (status) {
      case OK -> 0;
      case STALE -> 1;
      case INVALID -> 2;
      default -> 3;
    };
  }

  /** A short name for reports. */
  public static String name(byte status) {
    return switch (status) {
      case OK -> "ok";
      case NO_RESPONSE -> "no_response";
      case INVALID -> "invalid";
      case STALE -> "stale";
      default -> "unknown(" + status + ")";
    };
  }
}
