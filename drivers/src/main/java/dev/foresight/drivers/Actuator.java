package dev.foresight.drivers;

/**
 * A device that takes one command per tick and has a declared safe state it can always be put
 * in, from any thread.
 *
 * <pre>{@code
 * byte s = motor.write(nowNs, 4.5);   // 4.5 V on the motor
 * motor.safe();                        // brake (or coast), as the config declares
 * }</pre>
 */
public interface Actuator extends Output {

  /** Applies {@code command}; returns a {@link Status}. Never throws, allocates nothing. */
  byte write(long nowNs, double command);
}
