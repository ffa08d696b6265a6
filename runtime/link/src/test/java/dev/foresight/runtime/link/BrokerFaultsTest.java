package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.FaultCell;
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
  @FaultCell(fault = "command_flood", reaction = "10,000 commands/s from one client: an e-stop from another still latches and the loop keeps its rate; NOT yet within one tick (24..380 ms measured on a shared machine, 14..19 ms without the flood; goal 50 ms)", ticks = "< 1 s asserted")
  void anEstopStillLandsDuringACommandFlood() throws Exception {
    String root = "foresight/t-flood/";
    try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("flood")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-flood", "", PATIENT), broker.url());
        Probe flooder = new Probe(broker.url(), "flooder").connect();
        Probe op = new Probe(broker.url(), "op-flood").connect(root + "cmd/ack/op")) {
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      // Without the flood: the e-stop's latency through the broker, for comparison.
      TimeUnit.MILLISECONDS.sleep(500);
      long quietAt = System.nanoTime();
      op.mqtt.publish(root + "cmd/estop", ("{\"id\":\"stop-0\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
          + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false, null, 5_000);
      while (r.robot().safety().mode() != Mode.ESTOP && System.nanoTime() - quietAt < 5_000_000_000L) Thread.onSpinWait();
      double quietMs = (System.nanoTime() - quietAt) / 1e6;
      assertThat(r.robot().safety().reset("test")).isTrue();
      assertThat(r.robot().safety().arm("test")).isTrue();
      java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
      Thread flood = Thread.ofPlatform().daemon(true).name("flood").start(() -> {
        long next = System.nanoTime();
        while (flooding.get()) {
          try {
            flooder.mqtt.publish(root + "cmd/param", ("{\"id\":\"f" + sent.get() + "\",\"expires_at\":"
                + (System.currentTimeMillis() + 10_000) + ",\"name\":\"energy_gain\",\"value\":1}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, false, null, 0);
            sent.incrementAndGet();
          } catch (LinkException e) {
            return;
          }
          next += 100_000;   // 10,000 per second
          while (System.nanoTime() < next) Thread.onSpinWait();
        }
      });
      TimeUnit.SECONDS.sleep(2);
      long ticksBefore = r.robot().loop().tick();
      long sentBefore = sent.get();
      long sentAt = System.nanoTime();
      op.mqtt.publish(root + "cmd/estop", ("{\"id\":\"stop-1\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
          + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false, null, 5_000);
      while (r.robot().safety().mode() != Mode.ESTOP && System.nanoTime() - sentAt < 5_000_000_000L) Thread.onSpinWait();
      double estopMs = (System.nanoTime() - sentAt) / 1e6;
      TimeUnit.SECONDS.sleep(1);
      flooding.set(false);
      flood.join(5_000);
      double rate = (sent.get() - sentBefore) / (1.0 + estopMs / 1e3);
      assertThat(rate).as("commands per second during the e-stop").isGreaterThan(5_000.0);
      assertThat(quietMs).as("ms from an e-stop's publish to the latch, no flood").isLessThan(250.0);
      // The goal (issue 13) is one tick, 50 ms; the flood's messages queue ahead of the e-stop on the
      // client's one callback thread, so today it takes longer. Asserted: it lands, within a second.
      assertThat(estopMs).as("ms from the e-stop's publish to the latch during the flood").isLessThan(1_000.0);
      long ticks = r.robot().loop().tick() - ticksBefore;
      assertThat(ticks).as("ticks in %.0f ms at 20 Hz", 1_000 + estopMs).isGreaterThanOrEqualTo((long) ((1_000 + estopMs) / 50 * 0.8));
      System.out.printf(java.util.Locale.ROOT, "flood: %.0f commands/s, e-stop latched after %.1f ms (%.1f ms without "
          + "the flood)%n", rate, estopMs, quietMs);
    }
  }

  private static void post(LinkFixtures.Linked r, List<String> posted, String text) {
    r.link().post(new LinkEvent(System.currentTimeMillis(), "warning", "flap " + text, "", "armed"));
    posted.add("flap " + text);
  }
}
