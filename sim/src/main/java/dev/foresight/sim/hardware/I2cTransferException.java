package dev.foresight.sim.hardware;

/**
 * An I2C transfer failed the way Linux reports it: {@code EREMOTEIO} when a byte was not
 * acknowledged, {@code ETIMEDOUT} when the bus hung. The Pi4J adapter turns it into the exception
 * Pi4J's Linux provider throws, so drivers see the same thing in simulation and on the board.
 */
public final class I2cTransferException extends RuntimeException {

  /** Why a transfer failed. */
  public enum Reason {
    /** A byte (the address, or a data byte) was not acknowledged. */
    NACK,
    /** The transfer did not finish within the bus timeout. */
    TIMEOUT
  }

  private final Reason reason;

  I2cTransferException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
