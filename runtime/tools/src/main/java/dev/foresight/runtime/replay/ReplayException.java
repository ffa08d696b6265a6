package dev.foresight.runtime.replay;

/** A recording, config or model a replay cannot use; the message is one line naming what, where and the fix. */
public final class ReplayException extends RuntimeException {

  /** @param message one line for the user */
  public ReplayException(String message) {
    super(message);
  }
}
