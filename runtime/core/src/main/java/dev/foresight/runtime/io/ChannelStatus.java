package dev.foresight.runtime.io;

/**
 * Per-channel status codes that {@link RobotIo#sense} reports next to each raw value. A channel
 * whose status is not {@link #OK} also reads NaN unless the code says the value is still usable.
 * Codes are bytes so the status array is preallocated and written without allocation.
 */
public final class ChannelStatus {

  /** A fresh, plausible reading. */
  public static final byte OK = 0;
  /** The device did not answer (I2C NACK, timeout, bus error); the value is NaN. */
  public static final byte NO_RESPONSE = 1;
  /** The device answered but says its reading is invalid (e.g. AS5600 magnet missing); NaN. */
  public static final byte INVALID = 2;
  /** The device answered with the same sample as before (no new data); the value is the old one. */
  public static final byte STALE = 3;

  private ChannelStatus() {}

  /** A short name for events and displays. */
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
