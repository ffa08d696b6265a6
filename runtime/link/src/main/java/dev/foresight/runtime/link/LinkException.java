package dev.foresight.runtime.link;

/**
 * An MQTT operation failed. {@link #reasonCode()} is the broker's MQTT 5 reason code when it
 * refused (e.g. 134 bad user name or password, 135 not authorized), or -1 when it never answered.
 */
public final class LinkException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int reasonCode;

  /** A failure with the broker's reason code, or -1. */
  public LinkException(String message, int reasonCode) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /** The broker's reason code, or -1. */
  public int reasonCode() {
    return reasonCode;
  }

  /** Whether the broker refused the client's identity or rights (retrying will not help soon). */
  public boolean refused() {
    return reasonCode == 0x84 || reasonCode == 0x85 || reasonCode == 0x86 || reasonCode == 0x87
        || reasonCode == 0x8A || reasonCode == 0x8C;
  }
}
