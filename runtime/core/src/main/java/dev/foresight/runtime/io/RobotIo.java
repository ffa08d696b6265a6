package dev.foresight.runtime.io;

import dev.foresight.drivers.Status;
import java.util.List;

/**
 * The robot's inputs and outputs as the control loop sees them: raw sensor channels in, action
 * values out. Implementations never throw from {@link #sense} or {@link #act}: a channel that
 * cannot be read reads NaN with a {@link Status} saying why, and the safety supervisor takes
 * it from there.
 */
public interface RobotIo extends AutoCloseable {

  /** Names of the raw channels, in the order {@link #sense} fills them (e.g. {@code pivot.angle}). */
  List<String> rawNames();

  /**
   * Reads every raw channel into {@code raw} and its {@link Status} into {@code status}.
   * Allocation-free; never throws.
   */
  void sense(long nowNs, double[] raw, byte[] status);

  /** Writes the supervised action to the actuators. Allocation-free. */
  void act(long nowNs, double[] action);

  /**
   * The {@link Status} of each action's actuator after the last {@link #act}: {@code OK},
   * {@code NO_RESPONSE} (the write failed) or {@code INVALID} (the device answered but its output
   * is not what was commanded: it had reset, the motor is disconnected). Allocation-free.
   */
  default void actionStatus(byte[] status) {
    java.util.Arrays.fill(status, Status.OK);
  }

  /**
   * Writes the supervised action and reports, per action variable, whether the write worked (see
   * {@link #actionStatus}). The loop calls this one; the default is {@link #act(long, double[])}
   * followed by {@link #actionStatus}. Allocation-free; never throws (a throw is treated as a failed
   * tick: outputs safe, safe stop latched).
   */
  default void act(long nowNs, double[] action, byte[] status) {
    act(nowNs, action);
    actionStatus(status);
  }

  /**
   * Puts every output in its declared safe state. Safe to call from any thread, repeatedly, and
   * concurrently with {@link #act}: the safety supervisor and the watchdog call it from their own
   * threads (e-stop command, stalled loop), so implementations serialize it with their own writes.
   * Afterwards the loop keeps calling {@code act} with the safe values.
   */
  void safe();

  /**
   * Puts the actuator of action {@code action} (its index in the action vector) in its declared safe
   * state: the per-actuator expiry does this from the watchdog thread for an output that was not
   * written in time. The same thread rules as {@link #safe()}. The default makes every output safe,
   * which is never less safe.
   */
  default void safe(int action) {
    safe();
  }

  @Override
  void close();
}
