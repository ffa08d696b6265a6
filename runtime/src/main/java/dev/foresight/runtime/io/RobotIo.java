package dev.foresight.runtime.io;

import java.util.List;

/**
 * The robot's inputs and outputs as the control loop sees them: raw sensor channels in, action
 * values out. Implementations never throw from {@link #sense} or {@link #act}: a channel that
 * cannot be read reads NaN with a {@link ChannelStatus} saying why, and the safety supervisor takes
 * it from there.
 */
public interface RobotIo extends AutoCloseable {

  /** Names of the raw channels, in the order {@link #sense} fills them (e.g. {@code pivot.angle}). */
  List<String> rawNames();

  /**
   * Reads every raw channel into {@code raw} and its {@link ChannelStatus} into {@code status}.
   * Allocation-free; never throws.
   */
  void sense(long nowNs, double[] raw, byte[] status);

  /** Writes the supervised action to the actuators. Allocation-free. */
  void act(long nowNs, double[] action);

  /**
   * The {@link ChannelStatus} of each action's actuator after the last {@link #act}: {@code OK},
   * {@code NO_RESPONSE} (the write failed) or {@code INVALID} (the device answered but its output
   * is not what was commanded: it had reset, the motor is disconnected). Allocation-free.
   */
  default void actionStatus(byte[] status) {
    java.util.Arrays.fill(status, ChannelStatus.OK);
  }

  /** Puts every output in its declared safe state. Safe to call from any thread, repeatedly. */
  void safe();

  /** The most recent cost the plant itself reports (simulation), or NaN on real hardware. */
  default double plantCost() {
    return Double.NaN;
  }

  @Override
  void close();
}
