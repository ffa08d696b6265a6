package dev.foresight.runtime.link;

import dev.foresight.runtime.safety.Mode;

/**
 * A preallocated slot of the link's two command rings: the MQTT thread puts a decoded
 * {@link Command} in it for the control thread; the control thread puts the command and its
 * outcome in a slot of the other ring for the network thread's acknowledgement. The outcome
 * fields are constants or strings that already exist (the supervisor's refusal), so neither
 * executing nor reporting a command allocates on the control thread.
 */
final class CommandSlot {

  Command command;
  boolean accepted;
  String reason = "";
  Mode modeAfter = Mode.DISARMED;

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

  /** Lets go of the command (so a slot does not keep it alive) and forgets the outcome. */
  void clear() {
    command = null;
    accepted = false;
    reason = "";
    modeAfter = Mode.DISARMED;
  }
}
