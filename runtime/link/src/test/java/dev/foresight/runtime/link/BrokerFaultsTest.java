package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.safety.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker misbehaving under a running robot: absent at start, and restarting again and again. */
class BrokerFaultsTest {

  @TempDir Path dir;

  /** A link_lost ladder long enough that these tests watch the link, not the robot stopping. */
  static final String PATIENT = LinkLossTest.LOADED
      + "  ladder:\n    link_lost: [{reaction: warn}, {reaction: safe_stop, after_ms: 600000}]\n";

  @Test
  @FaultCell(fault = "broker_down", reaction = "down at start: the loop runs, the robot stays in its mode, the link up when the broker appears", ticks = "< 3 s after it appears")
  void aBrokerDownAtStartLeavesTheLoopRunningAndTheRobotInItsModeUntilItAppears() throws Exception {
    int port = Mosquitto.freePort();
    String url = "tcp://127.0.0.1:" + port;
    try (var r = linked(config(dir, "pendulum-gym.yaml", "t-late", "", PATIENT), url)) {
      r.robot().start(Long.MAX_VALUE);
      TimeUnit.MILLISECONDS.sleep(1_500);
      assertThat(r.link().state()).isEqualTo("offline");
      assertThat(r.link().lastProblem()).isEqualTo("connection refused");
      assertThat(r.robot().loop().tick()).as("the loop runs").isGreaterThan(20);
      assertThat(r.robot().safety().mode()).as("the robot stays in its mode").isEqualTo(Mode.DISARMED);

      long appearedAt = System.nanoTime();
      try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("late")), "", port)) {
        eventually(40_000, "the link comes up", () -> r.link().state().equals("online"));
        double upS = (System.nanoTime() - appearedAt) / 1e9;
        // After 1.5 s of failures the backoff step is 1 or 2 s (0.25 s doubling, upper-half jitter).
        assertThat(upS).as("s from the broker appearing to the link up").isLessThan(2.0 + 1.0);
        assertThat(r.link().connects()).isEqualTo(1);
        assertThat(r.robot().safety().mode()).isEqualTo(Mode.DISARMED);
      }
    }
  }

  @Test
  @FaultCell(fault = "broker_down", reaction = "restarted 5 times (sessions saved): the robot back each time, connects counted, no event lost", ticks = "< 5 s per restart")
  void aBrokerRestartedFiveTimesGetsTheRobotBackEachTimeAndLosesNoEvent() throws Exception {
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("flap")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-flap", "", PATIENT), broker.url())) {
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      // A persistent subscriber: the broker queues the events for it across its restarts.
      new Probe(broker.url(), "flap-watcher").connect("foresight/t-flap/events").close();
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      List<String> posted = new ArrayList<>();
      List<Double> backS = new ArrayList<>();
      for (int cycle = 1; cycle <= 5; cycle++) {
        broker.stop();   // SIGTERM: Mosquitto saves the sessions, the robot resumes its own
        eventually(10_000, "the link notices", () -> !r.link().state().equals("online"));
        for (int i = 0; i < 3; i++) post(r, posted, "down " + cycle + "." + i);
        long restartedAt = System.nanoTime();
        broker.restart();
        long expected = cycle + 1;
        eventually(40_000, "reconnect " + cycle, () -> r.link().state().equals("online") && r.link().connects() == expected,
            () -> "link " + r.link().state() + " (" + r.link().lastProblem() + "), connects " + r.link().connects());
        backS.add((System.nanoTime() - restartedAt) / 1e9);
        for (int i = 0; i < 3; i++) post(r, posted, "up " + cycle + "." + i);
        eventually(10_000, "delivered", () -> r.link().eventsPending() == 0);
      }
      assertThat(r.link().connects()).isEqualTo(6);
      assertThat(backS).as("s from each restart to the link up").allSatisfy(s -> assertThat(s).isLessThan(5.0));
      assertThat(r.robot().safety().mode()).as("no restart lasted long enough to stop it").isEqualTo(Mode.ARMED);

      try (Probe watcher = new Probe(broker.url(), "flap-watcher").connect()) {
        List<MqttTransport.Message> events = watcher.collect("foresight/t-flap/events", Duration.ofSeconds(3));
        List<String> causes = events.stream().map(m -> Probe.json(m).path("cause").stringValue()).toList();
        assertThat(causes).containsAll(posted);
        // At least once: a duplicate carries the same seq, and no seq is missing in between.
        Set<Long> seqs = new HashSet<>();
        for (var m : events) seqs.add(Probe.json(m).path("seq").longValue());
        long max = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = seqs.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(seqs).as("no event lost between seq " + min + " and " + max).hasSize((int) (max - min + 1));
      }
    }
  }

  @Test
  @FaultCell(fault = "broker_down", reaction = "partitioned while events pile up: the outbox stays bounded (1024), the oldest dropped and counted, telemetry discarded and counted", ticks = "-")
  void aLongPartitionKeepsTheOutboxBoundedAndCountsWhatItDrops() throws Exception {
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("partition")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-part", "", PATIENT), broker.url())) {
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().start(Long.MAX_VALUE);
      broker.kill();
      eventually(10_000, "the link notices", () -> !r.link().state().equals("online"));
      int max = 0;
      for (int i = 0; i < 5_000; i++) {
        r.link().post(new LinkEvent(System.currentTimeMillis(), "info", "while partitioned " + i, "", "disarmed"));
        if (i % 100 == 0) {
          TimeUnit.MILLISECONDS.sleep(10);   // the network thread moves them to its outbox meanwhile
          max = Math.max(max, r.link().eventsPending());
        }
      }
      // The oldest go: first from the hand-off queue (1024) when it is full, then from the outbox (1024).
      eventually(5_000, "all but the newest 1024 dropped and counted", () -> r.link().eventsPending() == 1024
          && r.link().eventsDropped() >= 5_000 - 1024, () -> "pending " + r.link().eventsPending() + ", dropped "
          + r.link().eventsDropped());
      assertThat(max).as("pending events never exceed the outbox").isLessThanOrEqualTo(1024);
      assertThat(r.link().telemetryOffline()).as("telemetry discarded while offline").isPositive();
      assertThat(r.link().telemetryDropped()).as("the control thread's ring never filled").isZero();

      broker.restart();
      eventually(40_000, "the newest events are delivered", () -> r.link().state().equals("online")
          && r.link().eventsPending() == 0);
    }
  }

  @Test
  @FaultCell(fault = "oversize_command", reaction = "a 10 MB publish to cmd/arm never reaches the robot (MQTT 5 Maximum Packet Size 64 KiB); the link stays up", ticks = "-")
  void aTenMegabytePublishToACommandTopicNeverReachesTheRobot() throws Exception {
    String root = "foresight/t-big/";
    String reply = root + "cmd/ack/op";
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("big")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-big", "", PATIENT), broker.url());
        Probe op = new Probe(broker.url(), "op-big").connect(reply, root + "cmd/ack")) {
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().start(Long.MAX_VALUE);
      byte[] big = new byte[10 * 1024 * 1024];
      java.util.Arrays.fill(big, (byte) ' ');
      // Foresight's own client layer refuses to send it...
      assertThatThrownBy(() -> op.mqtt.publishRequest(root + "cmd/arm", big, reply, new byte[] {1}, 10_000))
          .isInstanceOf(LinkException.class).hasMessageContaining("too large");
      // ...and one that has no such limit (mosquitto_pub) gets it to the broker, which does not forward it.
      Path file = Files.write(dir.resolve("big.json"), big);
      Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
          "-V", "mqttv5", "-q", "1", "-t", root + "cmd/arm", "-f", file.toString()).redirectErrorStream(true).start();
      String out = new String(pub.getInputStream().readAllBytes());
      assertThat(pub.waitFor()).as(out).isZero();
      eventually(5_000, "the broker drops it", () -> broker.log().contains(
          "Dropping too large outgoing PUBLISH for t-big (10485788 bytes)"));
      // (Paho closed op's connection when it refused the publish; a new operator client.)
      try (Probe again = new Probe(broker.url(), "op-big-2").connect(reply, root + "cmd/ack")) {
        assertThat(again.collect(root + "cmd/ack", Duration.ofSeconds(1))).as("no acknowledgement: it never arrived")
            .isEmpty();
        var ack = again.request(root + "cmd/disarm", "{\"id\":\"small\",\"expires_at\":"
            + (System.currentTimeMillis() + 10_000) + "}", reply);
        assertThat(ack.path("status").stringValue()).as("the next command works").isEqualTo("accepted");
      }
      assertThat(r.link().connects()).as("the robot's link stayed up").isEqualTo(1);
    }
  }

  @Test
  @FaultCell(fault = "command_flood", reaction = "10,000 commands/s from one client: each of 5 e-stops from another latches "
      + "before a second tick starts, in the median of 5 (the e-stop's own connection); acted on once though both "
      + "connections bring it; the loop keeps its rate", ticks = "median <= 1, each <= 4 ticks started between publish "
      + "and latch (50 ms ticks; shared 2-core machine)")
  void anEstopLandsWithinOneTickDuringACommandFlood() throws Exception {
    String root = "foresight/t-flood/";
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("flood")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-flood", "", PATIENT), broker.url());
        Probe flooder = new Probe(broker.url(), "flooder").connect();
        Probe op = new Probe(broker.url(), "op-flood").connect(root + "cmd/ack/op")) {
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      eventually(10_000, "the e-stop connection is up", () -> r.link().estopConnected());
      // Every tick's start time, from the loop itself: the yardstick for "within one tick".
      TickQueue ticks = r.robot().loop().addTap(Phase.RECORD, 1 << 14, 1);
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      TimeUnit.MILLISECONDS.sleep(500);
      // Without the flood, for comparison.
      Latch quiet = estop(r, op, ticks, root, "stop-0");
      java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicLong busyCount = new java.util.concurrent.atomic.AtomicLong();
      Thread flood = Thread.ofPlatform().daemon(true).name("flood").start(() -> {
        long start = System.nanoTime();
        while (flooding.get()) {
          // 10,000 per second in bursts every half millisecond (parking, not spinning: 2 shared cores).
          long due = (System.nanoTime() - start) / 100_000;
          try {
            while (sent.get() < due) {
              flooder.mqtt.publish(root + "cmd/param", ("{\"id\":\"f" + sent.get() + "\",\"expires_at\":"
                  + (System.currentTimeMillis() + 10_000) + ",\"name\":\"energy_gain\",\"value\":1}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, false, null, 0);
              sent.incrementAndGet();
            }
          } catch (LinkException busy) {   // Paho's window of messages in progress is full: a moment
            busyCount.incrementAndGet();
          }
          java.util.concurrent.locks.LockSupport.parkNanos(500_000);
        }
      });
      TimeUnit.SECONDS.sleep(2);   // the robot's main connection well behind by now
      long ticksBefore = r.robot().loop().tick();
      long sentBefore = sent.get();
      long floodFrom = System.nanoTime();
      List<Latch> stops = new ArrayList<>();
      for (int k = 1; k <= 5; k++) {
        assertThat(r.robot().safety().reset("test")).isTrue();
        assertThat(r.robot().safety().arm("test")).isTrue();
        TimeUnit.MILLISECONDS.sleep(300);
        stops.add(estop(r, op, ticks, root, "stop-" + k));
      }
      double floodS = (System.nanoTime() - floodFrom) / 1e9;
      long ran = r.robot().loop().tick() - ticksBefore;
      flooding.set(false);
      flood.join(5_000);
      double rate = (sent.get() - sentBefore) / floodS;
      assertThat(rate).as("commands per second during the e-stops (%d publishes refused as busy)", busyCount.get())
          .isGreaterThan(5_000.0);
      // The goal: within one tick. The median of the five must meet it; each one must stay far below
      // the old path's worst (380 ms, 8 ticks), with room for a thread that waits for a core (the
      // build machine has 2, shared): the e-stop crosses five threads and the broker's process.
      String paths = r.link().estopsByOwnConnection() + " of 6 first on the e-stop connection, " + r.link().estopConnects()
          + " e-stop connects";
      int[] byTicks = stops.stream().mapToInt(Latch::ticks).sorted().toArray();
      assertThat(byTicks[byTicks.length / 2]).as("median ticks started between an e-stop's publish and its latch "
          + "during the flood: %s; %s", stops, paths).isLessThanOrEqualTo(1);
      assertThat(byTicks[byTicks.length - 1]).as("most ticks for one e-stop during the flood: %s; %s", stops, paths)
          .isLessThanOrEqualTo(4);
      // The main connection's copies come later, behind the flood; none acts a second time.
      eventually(20_000, "the main connection's copies of the 6 e-stops dropped", () -> r.link().estopCopiesDropped() == 6);
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ESTOP);
      assertThat(ran).as("ticks in %.1f s at 20 Hz", floodS).isGreaterThanOrEqualTo((long) (floodS * 20 * 0.8));
      double[] ms = stops.stream().mapToDouble(Latch::ms).sorted().toArray();
      System.out.printf(java.util.Locale.ROOT, "flood: %.0f commands/s; e-stop publish to latch %.1f ms median, %.1f ms "
          + "max over %d, ticks started before the latch %s (%.1f ms, %d without the flood); %s%n", rate, ms[ms.length / 2],
          ms[ms.length - 1], ms.length, stops.stream().map(Latch::ticks).toList(), quiet.ms(), quiet.ticks(), paths);
    }
  }

  /** One e-stop: ticks the loop started after its publish and before its latch, and the ms between. */
  record Latch(int ticks, double ms) {}

  /**
   * Publishes an e-stop and waits for the latch; times from the robot (the supervisor's e-stop
   * event, the loop's tick starts), not from this thread's polling.
   */
  private static Latch estop(LinkFixtures.Linked r, Probe op, TickQueue ticks, String root, String id) throws Exception {
    ticks.drain(f -> { }, Integer.MAX_VALUE);
    long at = System.nanoTime();   // the robot's clock is System.nanoTime too (SystemClock)
    op.mqtt.publish(root + "cmd/estop", ("{\"id\":\"" + id + "\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
        + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false, null, 5_000);
    eventually(10_000, "e-stop " + id + " latched", () -> r.robot().safety().mode() == Mode.ESTOP);
    long latchNs = r.robot().events().recent(64).stream()
        .filter(e -> e.kind() == EventKind.ESTOP && e.timeNs() >= at).mapToLong(Event::timeNs).min().orElseThrow();
    TimeUnit.MILLISECONDS.sleep(120);   // two more ticks, so every tick start before the latch is in the tap
    int[] started = new int[1];
    ticks.drain(f -> {
      if (f.nowNs > at && f.nowNs < latchNs) started[0]++;
    }, Integer.MAX_VALUE);
    return new Latch(started[0], (latchNs - at) / 1e6);
  }

  private static void post(LinkFixtures.Linked r, List<String> posted, String text) {
    r.link().post(new LinkEvent(System.currentTimeMillis(), "warning", "flap " + text, "", "armed"));
    posted.add("flap " + text);
  }
}
