package dev.foresight.runtime.cli;

/**
 * A mistake in what the user asked for: a missing file, a bad value. The CLI prints the message as
 * one line and exits 2, without a stack trace.
 */
public final class UserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public UserException(String message) {
    super(message);
  }
}
