package dev.foresight.runtime;

/**
 * A valid config that cannot be assembled into a running robot here: it names a plant variable
 * that does not exist, its loop rate does not match the plant's step, it needs hardware this
 * machine lacks. The message is one line naming the key path, the reason and the fix.
 */
public class AssemblyException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public AssemblyException(String message) {
    super(message);
  }
}
