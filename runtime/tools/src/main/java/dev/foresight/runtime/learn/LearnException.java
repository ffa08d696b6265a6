package dev.foresight.runtime.learn;

/** A problem with the data or models a learning command was given: one line, shown as is (exit 2). */
public final class LearnException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message one line naming the file and what is wrong */
  public LearnException(String message) {
    super(message);
  }
}
