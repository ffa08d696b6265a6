package dev.foresight.models.onnx;

/**
 * A model file that cannot be used: missing, not ONNX, damaged, or not matching the robot. The
 * message is one line naming the file and what is wrong (and, for a mismatch, both sides).
 */
public final class ModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public ModelException(String message) {
    super(message);
  }
}
