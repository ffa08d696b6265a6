package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Response;
import dev.foresight.runtime.safety.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lost operator link is the {@code link_lost} fault, on a real Mosquitto that is killed (SIGKILL),
 * stopped and restarted, or paused (SIGSTOP: the TCP connection stays open, nobody answers). The
 * robot is the demo's pendulum at 20 Hz on the real clock, so reaction times are measured to the tick
 * (50 ms) and asserted with a margin for a loaded machine.
 */
class LinkLossTest {

  @TempDir Path dir;

  /**
   * The loop watchdog at 1 s rather than the default 150 ms: on a machine loaded by other builds a
   * tick may come 100 ms late, and these tests are about the link, not about a stalled loop.
   */
  static final String LOADED = "  watchdog_timeout_ms: 1000\n";

  /** Ticks may come late on a loaded machine: a rung is seen at most this much after it is due. */
  static final double LATE_MS = 150;

  /** The robot's events, collected. */
  static final class Events {
    private final EventLog.Subscription subscription;
    private final List<Event> seen = new ArrayList<>();

    Events(LinkFixtures.Linked r) {
      subscription = r.robot().events().subscribe();
    }

    synchronized List<Event> all() {
      subscription.poll(seen::add, Integer.MAX_VALUE);
      return List.copyOf(seen);
    }

    synchronized List<Event> linkLost() {
      subscription.poll(seen::add, Integer.MAX_VALUE);
      return seen.stream().filter(e -> e.cause() == Cause.LINK_LOST).toList();
    }

    Event first(EventKind kind) throws InterruptedException {
      Event[] found = new Event[1];
      eventually(10_000, "a link_lost " + kind + " event", () -> {
        found[0] = linkLost().stream().filter(e -> e.kind() == kind).findFirst().orElse(null);
        return found[0] != null;
      });
      return found[0];
    }
  }

  static double ms(long fromNs, long toNs) {
    return (toNs - fromNs) / 1e6;
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "real Mosquitto killed: warn, hold at 300 ms, safe stop at 800 ms (configured); latched after it returns", ticks = "fault within one 50 ms tick of the kill; rungs +0..150 ms")
  void aKilledBrokerIsALostLinkWhoseLadderWarnsHoldsAndStopsOnTime() throws Exception {
    String ladder = LOADED + "  ladder:\n    link_lost: [{reaction: warn}, {reaction: hold, after_ms: 300}, "
        + "{reaction: safe_stop, after_ms: 800}]\n";
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("kill")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-kill", "", ladder), broker.url())) {
      Events events = new Events(r);
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      TimeUnit.MILLISECONDS.sleep(300);
      assertThat(events.linkLost()).as("connected: no fault").isEmpty();

      long killedAt = System.nanoTime();
      broker.kill();
      Event fault = events.first(EventKind.FAULT);
      Event hold = events.first(EventKind.ESCALATED);
      eventually(5_000, "the safe stop", () -> r.robot().safety().mode() == Mode.SAFE_STOP,
          () -> "mode " + r.robot().safety().mode() + ", link " + r.link().state() + ", events " + events.all());
      Event stop = events.linkLost().stream().filter(e -> e.kind() == EventKind.ESCALATED
          && e.response() == Response.SAFE_STOP).findFirst().orElseThrow();

      // The socket closes with the broker: the next tick (50 ms) sees it.
      assertThat(ms(killedAt, fault.timeNs())).as("ms from the kill to the fault").isBetween(0.0, 50.0 + LATE_MS);
      assertThat(fault.response()).isEqualTo(Response.WARN);
      assertThat(fault.message()).startsWith("fault: link lost mqtt (");
      assertThat(hold.response()).isEqualTo(Response.HOLD);
      // Rungs are timed from the fault on the stepping loop: at the first tick at or after the rung.
      assertThat(ms(fault.timeNs(), hold.timeNs())).as("ms from the fault to hold").isBetween(300.0, 300.0 + LATE_MS);
      assertThat(ms(fault.timeNs(), stop.timeNs())).as("ms from the fault to the safe stop").isBetween(800.0, 800.0 + LATE_MS);
      assertThat(r.robot().safety().reason()).isEqualTo("link_lost mqtt");
      assertThat(r.robot().runner().running()).as("the loop goes on").isTrue();

      // The broker returns: the link comes back, the fault recovers, the stop stays latched.
      broker.restart();
      eventually(40_000, "the link reconnects", () -> r.link().state().equals("online"));
      events.first(EventKind.RECOVERED);
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.SAFE_STOP);
      assertThat(r.robot().safety().reset("test")).isTrue();
      assertThat(r.robot().safety().arm("test")).as("with the link back, arming works").isTrue();
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "real Mosquitto gone and back within the ladder: warn only, still armed", ticks = "-")
  void aBrokerRestartShorterThanTheLadderOnlyWarnsAndTheRobotCarriesOn() throws Exception {
    String ladder = LOADED + "  ladder:\n    link_lost: [{reaction: warn}, {reaction: safe_stop, after_ms: 10000}]\n";
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("restart")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-blip", "", ladder), broker.url())) {
      Events events = new Events(r);
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      // Stopped with SIGTERM: Mosquitto saves the robot's session, which the robot resumes.
      broker.stop();
      Event fault = events.first(EventKind.FAULT);
      assertThat(fault.response()).isEqualTo(Response.WARN);
      broker.restart();
      eventually(40_000, "the link reconnects", () -> r.link().state().equals("online") && r.link().connects() == 2,
          () -> "link " + r.link().state() + " (" + r.link().lastProblem() + "), connects " + r.link().connects()
              + ", events " + events.all() + ", broker log " + broker.log());
      events.first(EventKind.RECOVERED);
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(events.linkLost()).extracting(Event::kind).containsExactly(EventKind.FAULT, EventKind.RECOVERED);
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "real Mosquitto paused (SIGSTOP), heartbeat timeout 1 s: fault while the client still says online; safe stop 500 ms later", ticks = "0.75..1.25 s from the pause")
  void aPausedBrokerIsCaughtByTheOperatorsHeartbeatWhileTheConnectionStillLooksUp() throws Exception {
    String safety = LOADED + "  link_loss: {heartbeat_timeout_ms: 1000}\n"
        + "  ladder:\n    link_lost: [{reaction: warn}, {reaction: safe_stop, after_ms: 500}]\n";
    String heartbeat = "foresight/t-pause/cmd/heartbeat";
    AtomicBoolean beating = new AtomicBoolean(true);
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("pause")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-pause", "", safety), broker.url());
        Probe operator = new Probe(broker.url(), "op-heartbeat").connect()) {
      Events events = new Events(r);
      // The operator's heartbeat every 200 ms (foresight monitor sends one every 500 ms), QoS 0 so a
      // frozen broker cannot block the sender.
      Thread sender = Thread.ofPlatform().daemon(true).name("heartbeat").start(() -> {
        while (beating.get()) {
          try {
            operator.mqtt.publish(heartbeat, ("{\"ts\":" + System.currentTimeMillis() + "}")
                .getBytes(StandardCharsets.UTF_8), 0, false, null, 0);
            Thread.sleep(200);
          } catch (LinkException | InterruptedException e) {
            return;
          }
        }
      });
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      eventually(5_000, "heartbeats arrive", () -> r.robot().safety().link().heartbeats() >= 3);
      TimeUnit.MILLISECONDS.sleep(1_500);
      assertThat(events.linkLost()).as("heartbeats flow: no fault").isEmpty();

      // A heartbeat that says it is stale (kept by the broker while the robot was away) proves nothing.
      long before = r.robot().safety().link().heartbeats();
      operator.mqtt.publish(heartbeat, ("{\"expires_at\":" + (System.currentTimeMillis() - 5_000) + "}")
          .getBytes(StandardCharsets.UTF_8), 1, false, null, 5_000);
      eventually(5_000, "the stale heartbeat is counted", () -> r.link().heartbeatsStale() == 1);
      assertThat(r.robot().safety().link().heartbeats() - before).isLessThanOrEqualTo(3);

      long pausedAt = System.nanoTime();
      broker.pause();
      Event fault = events.first(EventKind.FAULT);
      eventually(5_000, "the safe stop", () -> r.robot().safety().mode() == Mode.SAFE_STOP,
          () -> "mode " + r.robot().safety().mode() + ", link " + r.link().state() + ", events " + events.all());
      long stoppedAt = System.nanoTime();
      assertThat(r.link().state()).as("the client has not noticed: its keep-alive is 10 s").isEqualTo("online");
      assertThat(fault.message()).isEqualTo(String.format(java.util.Locale.ROOT,
          "fault: link lost mqtt = %.4g (limit 1000) (no operator heartbeat) -> warn", fault.value()));
      // The last heartbeat came up to 200 ms before the pause; the fault is due 1000 ms after it.
      assertThat(ms(pausedAt, fault.timeNs())).as("ms from the pause to the fault").isBetween(800.0 - 50, 1000.0 + 250);
      assertThat(ms(pausedAt, stoppedAt)).as("ms from the pause to the safe stop").isBetween(1300.0 - 50, 1500.0 + 400);
      beating.set(false);
      broker.resume();
      sender.join(10_000);
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "link_loss.ignore, real Mosquitto killed: no fault, still armed", ticks = "-")
  void aLinkLossIgnoredByConfigIsNoFault() throws Exception {
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("ignore")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-ignore", "", LOADED + "  link_loss: {ignore: true}\n"), broker.url())) {
      Events events = new Events(r);
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      broker.kill();
      eventually(10_000, "the link notices", () -> !r.link().state().equals("online"));
      TimeUnit.MILLISECONDS.sleep(500);
      assertThat(events.linkLost()).isEmpty();
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ARMED);
    }
  }
}
