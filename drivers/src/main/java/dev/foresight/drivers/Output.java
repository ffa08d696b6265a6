package dev.foresight.drivers;

/**
 * A device with outputs and a declared safe state: every {@link Actuator}, and chips whose
 * outputs actuators share (a PCA9685).
 */
public interface Output extends Device {

  /** Puts the outputs in their safe state; returns a {@link Status}. Never throws; safe to repeat, from any thread. */
  byte safe();

  /** The declared safe state, for reports: {@code brake}, {@code all outputs off}. */
  String safeState();

  /**
   * Puts the outputs in their safe state and reads back that they got there; empty when
   * verified, otherwise what differs. Not tick code (it may read back several registers).
   */
  String verifySafe();
}
