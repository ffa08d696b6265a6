package dev.foresight.runtime.link;

import dev.foresight.models.control.Adjustable;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.handoff.SpscRing;
import dev.foresight.runtime.loop.Adjustments;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.safety.SafetySupervisor;

/**
 * Applies queued operator commands on the control thread at the start of a tick (at most
 * {@link #PER_TICK} per tick), then hands each back, with its outcome, to the network thread for
 * the acknowledgement. The commands arrive decoded (records made on the MQTT thread) in
 * preallocated ring slots; the outcome goes into a preallocated slot of the other ring; rejections
 * are constant strings: nothing here allocates.
 */
final class CommandExecutor {

  /** Who commands come from, in safety events. */
  static final String ORIGIN = "mqtt";

  static final int PER_TICK = 4;

  private static final String LATCHED = "a latched stop holds the outputs safe; send reset, then arm";
  private static final String NOT_STOPPED = "nothing to reset: the supervisor is not stopped";
  private static final String NOT_ARMED = "refused: motion commands need the robot armed; send arm first";

  private final SafetySupervisor safety;
  private final Controller controller;
  private final Adjustable adjustable;
  private final Adjustments adjustments;
  private final SpscRing<CommandSlot> inbox;
  private final SpscRing<CommandSlot> done;
  /** Takes the outcome when the done ring is full (the acknowledgement is lost, the command is not). */
  private final CommandSlot unreported = new CommandSlot();

  /**
   * @param adjustments where setpoint and parameter changes are noted for the tick's frame (the loop's,
   *                    so recordings hold them at the tick they took effect)
   */
  CommandExecutor(SafetySupervisor safety, Controller controller, Adjustments adjustments,
      SpscRing<CommandSlot> inbox, SpscRing<CommandSlot> done) {
    this.safety = safety;
    this.controller = controller;
    this.adjustable = controller instanceof Adjustable a ? a : null;
    this.adjustments = adjustments;
    this.inbox = inbox;
    this.done = done;
  }

  /** Control thread: executes what is queued. */
  void beforeTick(long nowNs) {
    for (int n = 0; n < PER_TICK; n++) {
      CommandSlot in = inbox.peek();
      if (in == null) return;
      Command c = in.command;
      in.command = null;
      inbox.release();
      CommandSlot out = done.claim();
      if (out == null) {
        execute(c, unreported);
        unreported.clear();
        continue;
      }
      out.command = c;
      execute(c, out);
      done.publish();
    }
  }

  private void execute(Command c, CommandSlot out) {
    switch (c) {
      case Command.Arm _ -> arm(out);
      case Command.Disarm _ -> {
        safety.disarm(ORIGIN);
        out.accept(safety.mode());
      }
      case Command.Reset _ -> {
        Mode m = safety.mode();
        if (m == Mode.ESTOP || m == Mode.SAFE_STOP) {
          if (safety.reset(ORIGIN)) {
            controller.reset();
            out.accept(safety.mode());
          } else {
            out.reject(safety.lastRefusal(), safety.mode());
          }
        } else {
          out.reject(NOT_STOPPED, m);
        }
      }
      case Command.SetMode m -> {
        switch (m.mode()) {
          case ARMED -> arm(out);
          case DISARMED -> {
            safety.disarm(ORIGIN);
            out.accept(safety.mode());
          }
          default -> {
            safety.estop(ORIGIN, "mode estop command");
            out.accept(safety.mode());
          }
        }
      }
      case Command.Setpoint s -> {
        if (safety.mode() != Mode.ARMED) {
          out.reject(NOT_ARMED, safety.mode());
          return;
        }
        for (int i = 0; i < s.indices().length; i++) {
          adjustable.setpoint(s.indices()[i], s.values()[i]);
          adjustments.setpoint(s.indices()[i], s.values()[i]);
        }
        out.accept(safety.mode());
      }
      case Command.Param p -> {
        adjustable.parameter(p.index(), p.value());
        adjustments.parameter(p.index(), p.value());
        out.accept(safety.mode());
      }
      case Command.Estop _ -> {
        // Handled on receipt (CommandIntake); never queued. Latch anyway if one ever arrives here.
        safety.estop(ORIGIN, "estop command");
        out.accept(safety.mode());
      }
    }
  }

  private void arm(CommandSlot out) {
    if (safety.arm(ORIGIN)) {
      out.accept(Mode.ARMED);
    } else {
      String why = safety.lastRefusal();
      out.reject(why == null || why.isEmpty() ? LATCHED : why, safety.mode());
    }
  }
}
