package dev.foresight.models.trust;

/**
 * A model's calibration metadata is unusable, or held-out data cannot be calibrated. The message is
 * one line naming the key or the data and what is wrong.
 */
public final class CalibrationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A problem described in one line. */
  public CalibrationException(String message) {
    super(message);
  }
}
