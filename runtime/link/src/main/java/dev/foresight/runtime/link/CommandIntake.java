package dev.foresight.runtime.link;

import dev.foresight.runtime.handoff.SpscRing;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Receives {@code cmd/<name>} messages on the client library's callback thread: decodes them
 * strictly, ignores duplicate ids, acts on e-stops at once, and queues everything else for the
 * control thread. Never blocks: a full queue is a rejection with a reason.
 *
 * <p>E-stop is different on purpose. Any message on {@code cmd/estop} (whatever its payload,
 * however late) latches the supervisor's e-stop right here, so the very next tick's safety phase
 * holds the outputs safe; the acknowledgement then says {@code accepted} and notes what was wrong
 * with the payload, if anything. Only a repeated id is ignored, as for every command. An e-stop
 * needs no signature, even where {@code link.require_signed_commands} is on. E-stops come on two
 * paths: the main connection ({@link #onMessage}) and the e-stop's own connection
 * ({@link #onPriorityEstop}, on its own callback thread, so a flood of other commands cannot queue
 * ahead of it). The first copy acts; the other path's copy of the same e-stop (same id, or for one
 * without a valid id the same payload) is dropped without a second acknowledgement.
 *
 * <p>Every other command passes, in this order: its signature ({@link CommandAuth}: unsigned
 * where signatures are required, an unknown key or a signature that does not match topic and
 * payload is refused before its payload is trusted for anything, so a forged message cannot even
 * burn a genuine command's id); strict decoding and {@code expires_at}; the ids seen this session;
 * the replay window (ids executed before, also before a restart). Its id is then written to the
 * replay window, durably, before the command goes to the control thread. Refusals by signature,
 * expiry and replay are acknowledged with the reason and posted as {@code warning} events.
 */
final class CommandIntake {

  private final String prefix;
  private final CommandDecoder decoder;
  private final SafetySupervisor safety;
  private final Clock clock;
  private final SpscRing<CommandSlot> toLoop;
  private final BooleanSupplier loopRunning;
  private final EventQueue events;
  private final Acks acks;
  private final CommandAuth auth;
  private final ReplayWindow window;
  /** E-stops recently acted on, by key, with the path that brought them (true: the priority connection). */
  private final java.util.Map<String, Boolean> estopPaths = new java.util.LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
      return size() > 256;
    }
  };
  private long estopCopies;
  private long estopsFirstOnPriority;

  CommandIntake(String robotId, CommandDecoder decoder, SafetySupervisor safety, Clock clock, SpscRing<CommandSlot> toLoop,
      BooleanSupplier loopRunning, EventQueue events, Acks acks) {
    this(robotId, decoder, safety, clock, toLoop, loopRunning, events, acks, CommandAuth.NONE,
        ReplayWindow.inMemory(CommandAuth.NONE.replayWindow()));
  }

  CommandIntake(String robotId, CommandDecoder decoder, SafetySupervisor safety, Clock clock, SpscRing<CommandSlot> toLoop,
      BooleanSupplier loopRunning, EventQueue events, Acks acks, CommandAuth auth, ReplayWindow window) {
    this.prefix = Topics.root(robotId) + "cmd/";
    this.decoder = decoder;
    this.safety = safety;
    this.clock = clock;
    this.toLoop = toLoop;
    this.loopRunning = loopRunning;
    this.events = events;
    this.acks = acks;
    this.auth = auth;
    this.window = window;
  }

  void onMessage(MqttTransport.Message m) {
    if (!m.topic().startsWith(prefix)) return;
    String name = m.topic().substring(prefix.length());
    // Acknowledgements are the robot's own; the operator heartbeat is not a command (it is watched elsewhere).
    if (name.equals("ack") || name.startsWith("ack/") || name.equals("heartbeat")) return;
    Command.Reply reply = new Command.Reply(m.responseTopic().filter(this::mayReplyTo).orElse(prefix + "ack"),
        m.correlationData().orElse(null));
    long now = clock.epochMillis();
    if (name.equals("estop")) {
      estop(m.payload(), reply, now, false);
      return;
    }
    CommandAuth.Verdict verdict = auth.check(m.topic(), m.payload(), m.userProperties());
    if (verdict.refusal() != null) {
      // Not remembered: the id of an unverified message proves nothing and must not block the real one.
      refuse(unverifiedId(name, m.payload(), now, reply), name, verdict.refusal(), reply, now);
      return;
    }
    Command c;
    try {
      c = decoder.decode(name, m.payload(), now, reply);
    } catch (CommandDecoder.Rejected r) {
      reject(r.id(), name, r.getMessage(), reply, now);
      if (r.expired()) warn(r.id(), name, r.getMessage(), now);
      return;
    }
    String earlier = acks.remember(c.id(), "pending");
    if (earlier != null) {
      duplicate(c.id(), name, earlier, reply, now);
      warn(c.id(), name, "duplicate id (" + earlier + " before)", now);
      return;
    }
    if (window.contains(c.id())) {
      finish(c.id(), name, "rejected", "replayed id: a command with id " + c.id() + " was already executed "
          + "(replay window)", reply, now);
      warn(c.id(), name, "replayed id", now);
      return;
    }
    if (!loopRunning.getAsBoolean()) {
      finish(c.id(), name, "rejected", "the control loop is not running", reply, now);
      return;
    }
    try {
      window.record(c.id(), c.expiresAtMs());
    } catch (java.io.IOException e) {
      finish(c.id(), name, "rejected", "cannot record the id in the replay window (" + e.getMessage()
          + "); not executed", reply, now);
      warn(c.id(), name, "replay window not writable: " + e.getMessage(), now);
      return;
    }
    CommandSlot slot = toLoop.claim();
    if (slot == null) {
      finish(c.id(), name, "rejected", "command queue is full (" + toLoop.capacity() + " waiting); try again", reply,
          now);
      return;
    }
    slot.command = c;
    toLoop.publish();
  }

  /** An e-stop from the e-stop's own connection; anything else on it is ignored. Its callback thread. */
  void onPriorityEstop(MqttTransport.Message m) {
    if (!m.topic().equals(prefix + "estop")) return;
    Command.Reply reply = new Command.Reply(m.responseTopic().filter(this::mayReplyTo).orElse(prefix + "ack"),
        m.correlationData().orElse(null));
    estop(m.payload(), reply, clock.epochMillis(), true);
  }

  /** E-stops the e-stop's own connection brought first (acted on from there). */
  synchronized long estopsFirstOnPriority() {
    return estopsFirstOnPriority;
  }

  /** E-stops dropped because the other path had already brought them. */
  synchronized long estopCopies() {
    return estopCopies;
  }

  // Synchronized: the two paths' callback threads; only e-stops take this lock, never the control thread.
  private synchronized void estop(byte[] payload, Command.Reply reply, long now, boolean priority) {
    String id;
    String problem = "";
    String words = "";
    try {
      Command c = decoder.decode("estop", payload, now, reply);
      id = c.id();
      words = c instanceof Command.Estop e ? e.reason() : "";
    } catch (CommandDecoder.Rejected r) {
      id = r.id();
      problem = r.getMessage();
    }
    String key = id != null ? "id:" + id : "payload:" + payload.length + ":" + java.util.Arrays.hashCode(payload);
    Boolean firstPath = estopPaths.get(key);
    if (firstPath != null && firstPath != priority) {
      estopPaths.remove(key);   // the other path's copy of one publish: acted on already
      estopCopies++;
      return;
    }
    estopPaths.put(key, priority);
    if (priority) estopsFirstOnPriority++;
    if (id != null) {
      String earlier = acks.remember(id, "accepted");
      if (earlier != null) {
        duplicate(id, "estop", earlier, reply, now);
        return;
      }
    }
    String who = id != null ? "estop command " + id : "estop command without a valid id";
    safety.estop(CommandExecutor.ORIGIN, who + (words.isEmpty() ? "" : ": " + words));
    events.post(new LinkEvent(now, "critical", who + " received" + (words.isEmpty() ? "" : ": " + words),
        SafetyEvents.reaction(safety.mode()), safety.mode().id()));
    acks.post(new Acks.Ack(id, "estop", "accepted", problem.isEmpty() ? "" : "acted on despite: " + problem,
        safety.mode().id(), reply, now));
  }

  private void reject(String id, String name, String reason, Command.Reply reply, long now) {
    if (id != null) {
      String earlier = acks.remember(id, "rejected");
      if (earlier != null) {
        duplicate(id, name, earlier, reply, now);
        return;
      }
    }
    acks.post(new Acks.Ack(id, name, "rejected", reason, safety.mode().id(), reply, now));
  }

  /** A refusal that needs no memory of the id: acknowledged and posted as an event. */
  private void refuse(String id, String name, String reason, Command.Reply reply, long now) {
    acks.post(new Acks.Ack(id, name, "rejected", reason, safety.mode().id(), reply, now));
    warn(id, name, reason, now);
  }

  private void warn(String id, String name, String reason, long now) {
    events.post(new LinkEvent(now, "warning", "command " + name + (id != null ? " " + id : "") + " refused: " + reason,
        "not executed", safety.mode().id()));
  }

  /** The id of a message not yet trusted, for the acknowledgement only. */
  private String unverifiedId(String name, byte[] payload, long now, Command.Reply reply) {
    try {
      return decoder.decode(name, payload, now, reply).id();
    } catch (CommandDecoder.Rejected r) {
      return r.id();
    }
  }

  private void finish(String id, String name, String status, String reason, Command.Reply reply, long now) {
    acks.outcome(id, status);
    acks.post(new Acks.Ack(id, name, status, reason, safety.mode().id(), reply, now));
  }

  private void duplicate(String id, String name, String earlier, Command.Reply reply, long now) {
    acks.post(new Acks.Ack(id, name, "ignored", "duplicate id: a command with this id was already received ("
        + earlier + ")", safety.mode().id(), reply, now));
  }

  /** Replies go only under this robot's own tree, which its ACL lets it write (docs/security.md). */
  private boolean mayReplyTo(String topic) {
    return topic.startsWith(prefix + "ack") && !topic.contains("+") && !topic.contains("#");
  }
}
