package dev.foresight.runtime.link;

import dev.foresight.runtime.safety.Mode;
import java.util.Locale;

/**
 * One decoded operator command on its way to the control thread and back: the decoder fills the
 * request fields, the control thread executes it and writes the outcome, the network thread
 * acknowledges it. Outcome fields are published by the ring hand-off between those threads.
 */
public final class Command {

  /** The commands of {@code foresight/<robot>/cmd/<name>}. */
  public enum Kind {
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

  final Kind kind;
  final String id;
  final long expiresAtMs;
  /** {@link Kind#MODE}: the mode asked for. */
  final Mode mode;
  /** {@link Kind#SETPOINT}: state indices; {@link Kind#PARAM}: the parameter index. */
  final int[] indices;
  /** Values matching {@link #indices}. */
  final double[] values;
  /** {@link Kind#ESTOP}: the operator's words, may be empty. */
  final String note;
  final Reply reply;

  boolean accepted;
  String reason = "";
  Mode modeAfter = Mode.DISARMED;

  /** Where the acknowledgement goes: an MQTT 5 response topic and correlation data, or the fallback topic. */
  record Reply(String topic, byte[] correlationData) {}

  Command(Kind kind, String id, long expiresAtMs, Mode mode, int[] indices, double[] values, String note, Reply reply) {
    this.kind = kind;
    this.id = id;
    this.expiresAtMs = expiresAtMs;
    this.mode = mode;
    this.indices = indices;
    this.values = values;
    this.note = note;
    this.reply = reply;
  }

  /** The command's kind. */
  public Kind kind() {
    return kind;
  }

  /** The operator's id for it. */
  public String id() {
    return id;
  }

  void accept(Mode modeNow) {
    accepted = true;
    reason = "";
    modeAfter = modeNow;
  }

  void reject(String why, Mode modeNow) {
    accepted = false;
    reason = why;
    modeAfter = modeNow;
  }
}
