package dev.foresight.runtime.link;

import dev.foresight.models.control.Adjustable;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.safety.SafetySupervisor;

/**
 * Applies queued operator commands on the control thread at the start of a tick (at most
 * {@link #PER_TICK} per tick), then hands each back, with its outcome, to the network thread for
 * the acknowledgement. Rejections are constant strings: nothing here allocates.
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
  private final SpscRing<CommandIntake.Slot> inbox;
  private final SpscRing<CommandIntake.Slot> done;

  CommandExecutor(SafetySupervisor safety, Controller controller, SpscRing<CommandIntake.Slot> inbox,
      SpscRing<CommandIntake.Slot> done) {
    this.safety = safety;
    this.controller = controller;
    this.adjustable = controller instanceof Adjustable a ? a : null;
    this.inbox = inbox;
    this.done = done;
  }

  /** Control thread: executes what is queued. */
  void beforeTick(long nowNs) {
    for (int n = 0; n < PER_TICK; n++) {
      CommandIntake.Slot in = inbox.peek();
      if (in == null) return;
      Command c = in.command;
      in.command = null;
      inbox.release();
      execute(c);
      CommandIntake.Slot out = done.claim();
      if (out != null) {
        out.command = c;
        done.publish();
      }
    }
  }

  private void execute(Command c) {
    switch (c.kind) {
      case ARM -> arm(c);
      case DISARM -> {
        safety.disarm(ORIGIN);
        c.accept(safety.mode());
      }
      case RESET -> {
        Mode m = safety.mode();
        if (m == Mode.ESTOP || m == Mode.SAFE_STOP) {
          if (safety.reset(ORIGIN)) {
            controller.reset();
            c.accept(safety.mode());
          } else {
            c.reject(safety.lastRefusal(), safety.mode());
          }
        } else {
          c.reject(NOT_STOPPED, m);
        }
      }
      case MODE -> {
        switch (c.mode) {
          case ARMED -> arm(c);
          case DISARMED -> {
            safety.disarm(ORIGIN);
            c.accept(safety.mode());
          }
          default -> {
            safety.estop(ORIGIN, "mode estop command");
            c.accept(safety.mode());
          }
        }
      }
      case SETPOINT -> {
        if (safety.mode() != Mode.ARMED) {
          c.reject(NOT_ARMED, safety.mode());
          return;
        }
        for (int i = 0; i < c.indices.length; i++) adjustable.setpoint(c.indices[i], c.values[i]);
        c.accept(safety.mode());
      }
      case PARAM -> {
        adjustable.parameter(c.indices[0], c.values[0]);
        c.accept(safety.mode());
      }
      case ESTOP -> {
        // Handled on receipt (CommandIntake); never queued. Latch anyway if one ever arrives here.
        safety.estop(ORIGIN, "estop command");
        c.accept(safety.mode());
      }
    }
  }

  private void arm(Command c) {
    if (safety.arm(ORIGIN)) {
      c.accept(Mode.ARMED);
    } else {
      String why = safety.lastRefusal();
      c.reject(why == null || why.isEmpty() ? LATCHED : why, safety.mode());
    }
  }
}
