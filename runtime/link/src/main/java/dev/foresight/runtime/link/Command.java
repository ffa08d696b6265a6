package dev.foresight.runtime.link;

import dev.foresight.runtime.safety.Mode;
import java.util.Arrays;
import java.util.Locale;

/**
 * One decoded operator command of {@code foresight/<robot>/cmd/<name>}: an immutable record per
 * command, made by {@link CommandDecoder} on the MQTT client's thread and executed by
 * {@code CommandExecutor} on the control thread, which switches over the sealed set. The record
 * crosses to the control thread by reference in a preallocated ring slot ({@code CommandSlot}),
 * which also carries the outcome back, so executing a command allocates nothing there.
 *
 * <p>Every command has the operator's {@link #id()}, its expiry and where its acknowledgement goes.
 */
public sealed interface Command {

  /** The commands of {@code foresight/<robot>/cmd/<name>}. */
  enum Kind {
    ARM, DISARM, ESTOP, RESET, MODE, SETPOINT, PARAM;

    /** The topic suffix, e.g. {@code setpoint}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Commands that change how the robot moves; refused unless armed. */
    public boolean motion() {
      return this == SETPOINT;
    }
  }

  /** Where the acknowledgement goes: an MQTT 5 response topic and correlation data, or the fallback topic. */
  record Reply(String topic, byte[] correlationData) {}

  /** The operator's id for the command (1..64 of {@code A-Z a-z 0-9 . _ : -}). */
  String id();

  /** When the command stops being valid, epoch ms. */
  long expiresAtMs();

  /** Where the acknowledgement goes. */
  Reply reply();

  /** Which command it is. */
  Kind kind();

  /** Arm: actions pass from the next tick (refused while a stop is latched or a fault needs one). */
  record Arm(String id, long expiresAtMs, Reply reply) implements Command {
    @Override
    public Kind kind() {
      return Kind.ARM;
    }
  }

  /** Disarm: outputs back to their safe values. */
  record Disarm(String id, long expiresAtMs, Reply reply) implements Command {
    @Override
    public Kind kind() {
      return Kind.DISARM;
    }
  }

  /**
   * E-stop, with the operator's words (may be empty). Latched on receipt, never queued.
   *
   * @param reason what the operator wrote, at most 200 characters, or empty
   */
  record Estop(String id, long expiresAtMs, String reason, Reply reply) implements Command {
    @Override
    public Kind kind() {
      return Kind.ESTOP;
    }
  }

  /** Reset: a latched stop back to disarmed (arm again to move). */
  record Reset(String id, long expiresAtMs, Reply reply) implements Command {
    @Override
    public Kind kind() {
      return Kind.RESET;
    }
  }

  /**
   * Mode: the mode asked for ({@link Mode#ARMED}, {@link Mode#DISARMED} or {@link Mode#ESTOP}).
   *
   * @param mode the mode asked for
   */
  record SetMode(String id, long expiresAtMs, Mode mode, Reply reply) implements Command {
    @Override
    public Kind kind() {
      return Kind.MODE;
    }
  }

  /**
   * Setpoint: new targets for some state variables (a motion command: refused unless armed). The
   * arrays are the decoder's, read-only from then on.
   *
   * @param indices the state variables' indices, at least one
   * @param values  the targets, in range, one per index
   */
  record Setpoint(String id, long expiresAtMs, int[] indices, double[] values, Reply reply) implements Command {

    /** @throws IllegalArgumentException when there are no targets or indices and values differ in number */
    public Setpoint {
      if (indices.length == 0 || indices.length != values.length) {
        throw new IllegalArgumentException("a setpoint needs one value per index, at least one; got "
            + indices.length + " indices and " + values.length + " values");
      }
    }

    @Override
    public Kind kind() {
      return Kind.SETPOINT;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Setpoint s && s.id.equals(id) && s.expiresAtMs == expiresAtMs
          && Arrays.equals(s.indices, indices) && Arrays.equals(s.values, values) && s.reply.equals(reply);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * id.hashCode() + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Setpoint[id=" + id + ", expiresAtMs=" + expiresAtMs + ", indices=" + Arrays.toString(indices)
          + ", values=" + Arrays.toString(values) + ", reply=" + reply + "]";
    }
  }

  /**
   * Param: a new value for one of the controller's adjustable parameters.
   *
   * @param index the parameter's index in the controller's list
   * @param value the value, in the parameter's range
   */
  record Param(String id, long expiresAtMs, int index, double value, Reply reply) implements Command {
    @Override
    public Kind kind() {
      return Kind.PARAM;
    }
  }
}
