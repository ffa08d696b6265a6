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
 * with the payload, if anything. Only a repeated id is ignored, as for every command.
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

  CommandIntake(String robotId, CommandDecoder decoder, SafetySupervisor safety, Clock clock, SpscRing<CommandSlot> toLoop,
      BooleanSupplier loopRunning, EventQueue events, Acks acks) {
    this.prefix = Topics.root(robotId) + "cmd/";
    this.decoder = decoder;
    this.safety = safety;
    this.clock = clock;
    this.toLoop = toLoop;
    this.loopRunning = loopRunning;
    this.events = events;
    this.acks = acks;
  }

  void onMessage(MqttTransport.Message m) {
    if (!m.topic().startsWith(prefix)) return;
    String name = m.topic().substring(prefix.length());
    if (name.equals("ack") || name.startsWith("ack/")) return;
    Command.Reply reply = new Command.Reply(m.responseTopic().filter(this::mayReplyTo).orElse(prefix + "ack"),
        m.correlationData().orElse(null));
    long now = clock.epochMillis();
    if (name.equals("estop")) {
      estop(m.payload(), reply, now);
      return;
    }
    Command c;
    try {
      c = decoder.decode(name, m.payload(), now, reply);
    } catch (CommandDecoder.Rejected r) {
      reject(r.id(), name, r.getMessage(), reply, now);
      return;
    }
    String earlier = acks.remember(c.id(), "pending");
    if (earlier != null) {
      duplicate(c.id(), name, earlier, reply, now);
      return;
    }
    if (!loopRunning.getAsBoolean()) {
      finish(c.id(), name, "rejected", "the control loop is not running", reply, now);
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

  private void estop(byte[] payload, Command.Reply reply, long now) {
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
