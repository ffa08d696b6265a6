package dev.foresight.runtime.mcap;

/** A file that is not a readable MCAP file at all. The message is one line for users. */
public final class McapException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public McapException(String message) {
    super(message);
  }
}
