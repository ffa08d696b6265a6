package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.OperatorKeys;
import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.safety.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Signed commands against a real Mosquitto: a robot with {@code require_signed_commands} runs what
 * its operator key signed and refuses (acknowledged with the reason, and an event) what was
 * tampered with, signed by another key, unsigned, expired or replayed, also after a restart, across
 * more than 4,096 other commands and when the broker redelivers a queued command after a reconnect.
 * E-stop needs no signature.
 */
class SignedCommandsTest {

  @TempDir static Path dir;
  static Mosquitto broker;
  static final KeyPair ALICE = CommandSignature.generate();
  static final KeyPair MALLORY = CommandSignature.generate();

  @BeforeAll
  static void startBroker() throws Exception {
    broker = Mosquitto.start(dir, "");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  /** A pendulum robot that knows only alice's key and requires signatures; its session outlives 30 s offline. */
  static LoadedConfig robot(String id) throws Exception {
    Files.createDirectories(dir.resolve(id));
    Files.writeString(dir.resolve(id).resolve("alice.pub"), OperatorKeys.pem(ALICE.getPublic()));
    return config(dir, "pendulum-gym.yaml", id, "  will_delay_s: 30\n", "", """
        link:
          operator_keys:
            - {id: alice, public_key_file: alice.pub}
          require_signed_commands: true
          state_dir: state
        """);
  }

  static String payload(String id, long expiresAt) {
    return "{\"id\":\"" + id + "\",\"expires_at\":" + expiresAt + "}";
  }

  static long in(long ms) {
    return System.currentTimeMillis() + ms;
  }

  static List<MqttTransport.Property> signed(String keyId, KeyPair key, String topic, String payload) {
    return CommandSignature.properties(keyId, key.getPrivate(), topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  static void refused(JsonNode ack, String status, String reason) {
    assertThat(ack.path("status").stringValue()).as(ack.toString()).isEqualTo(status);
    assertThat(ack.path("reason").stringValue()).as(ack.toString()).contains(reason);
  }

  @Test
  @FaultCell(fault = "command_forged", reaction = "signed by an unknown key, a signature not matching topic and payload, "
      + "unsigned or half-signed where signatures are required: refused with the reason before the payload is trusted, "
      + "counted, warning event; the genuine command's id not burnt; e-stop unsigned still accepted", ticks = "-")
  @FaultCell(fault = "command_expired", reaction = "properly signed but past expires_at + clock_skew_ms: refused, "
      + "counted, warning event", ticks = "-")
  void runsWhatAliceSignedAndRefusesEveryForgery() throws Exception {
    String root = "foresight/t-sig/";
    String reply = root + "cmd/ack/op";
    try (var r = linked(robot("t-sig"), broker.url());
        Probe op = new Probe(broker.url(), "op-sig").connect(reply);
        Probe events = new Probe(broker.url(), "ev-sig").connect(root + "events")) {
      r.robot().start(Long.MAX_VALUE);
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));

      String arm = payload("a1", in(10_000));
      JsonNode ok = op.request(root + "cmd/arm", arm, reply, signed("alice", ALICE, root + "cmd/arm", arm));
      assertThat(ok.path("status").stringValue()).as(ok.toString()).isEqualTo("accepted");
      assertThat(r.robot().safety().mode()).as(r.robot().safety().reason()).isEqualTo(Mode.ARMED);

      // Tampered payload: alice signed disarm d1, the message says d2 (another id).
      String d1 = payload("d1", in(10_000));
      refused(op.request(root + "cmd/disarm", payload("d2", in(10_000)), reply,
          signed("alice", ALICE, root + "cmd/disarm", d1)), "rejected", "bad signature for key 'alice'");
      // Tampered payload: the same bytes but a later expires_at.
      String shortLived = payload("d3", in(5_000));
      refused(op.request(root + "cmd/disarm", shortLived.replace("\"d3\"", "\"d3\" "), reply,
          signed("alice", ALICE, root + "cmd/disarm", shortLived)), "rejected", "bad signature");
      // Tampered topic: a signed reset sent as disarm.
      String reset = payload("d4", in(10_000));
      refused(op.request(root + "cmd/disarm", reset, reply, signed("alice", ALICE, root + "cmd/reset", reset)),
          "rejected", "bad signature");
      // Another robot's command: signed for t-other, sent to t-sig.
      refused(op.request(root + "cmd/disarm", d1, reply, signed("alice", ALICE, "foresight/t-other/cmd/disarm", d1)),
          "rejected", "bad signature");
      // Wrong key: mallory signs as alice, and as herself.
      refused(op.request(root + "cmd/disarm", d1, reply, signed("alice", MALLORY, root + "cmd/disarm", d1)),
          "rejected", "bad signature for key 'alice'");
      refused(op.request(root + "cmd/disarm", d1, reply, signed("mallory", MALLORY, root + "cmd/disarm", d1)),
          "rejected", "unknown operator key 'mallory'");
      // Unsigned, and half-signed.
      refused(op.request(root + "cmd/disarm", d1, reply, List.of()), "rejected", "unsigned: this robot takes only "
          + "signed commands (link.require_signed_commands)");
      refused(op.request(root + "cmd/disarm", d1, reply, List.of(new MqttTransport.Property("fs-key", "alice"))),
          "rejected", "fs-key and fs-sig go together");
      assertThat(r.robot().safety().mode()).as("no forgery was executed").isEqualTo(Mode.ARMED);

      // The forgeries did not burn d1: alice's genuine d1 still runs.
      JsonNode genuine = op.request(root + "cmd/disarm", d1, reply, signed("alice", ALICE, root + "cmd/disarm", d1));
      assertThat(genuine.path("status").stringValue()).as(genuine.toString()).isEqualTo("accepted");
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.DISARMED);

      // Expired (beyond the default 1 s skew), though properly signed.
      String old = payload("old", in(-5_000));
      refused(op.request(root + "cmd/arm", old, reply, signed("alice", ALICE, root + "cmd/arm", old)),
          "rejected", "expired ");
      assertThat(r.link().commandsRejected()).as("8 forgeries and 1 expired command counted").isEqualTo(9);
      assertThat(r.link().commandsAccepted()).isEqualTo(2);

      // Every refusal is an event too.
      JsonNode unknown = Probe.json(events.await(m -> m.topic().equals(root + "events")
          && Probe.json(m).path("cause").stringValue().contains("refused: unknown operator key"), Duration.ofSeconds(10)));
      assertThat(unknown.path("severity").stringValue()).isEqualTo("warning");
      JsonNode event = Probe.json(events.await(m -> m.topic().equals(root + "events")
          && Probe.json(m).path("cause").stringValue().contains("command arm old refused: expired"),
          Duration.ofSeconds(10)));
      assertThat(event.path("severity").stringValue()).isEqualTo("warning");
      assertThat(event.path("reaction").stringValue()).isEqualTo("not executed");

      // E-stop needs no signature.
      op.request(root + "cmd/arm", payload("a2", in(10_000)), reply,
          signed("alice", ALICE, root + "cmd/arm", payload("a2", in(10_000))));
      JsonNode estop = op.request(root + "cmd/estop", "{\"id\":\"e1\",\"expires_at\":" + in(10_000) + "}", reply,
          List.of());
      assertThat(estop.path("status").stringValue()).isEqualTo("accepted");
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ESTOP);
    }
  }

  @Test
  void whereSignaturesAreRequiredOnlyASignedHeartbeatCounts() throws Exception {
    String topic = "foresight/t-hb/cmd/heartbeat";
    try (var r = linked(robot("t-hb"), broker.url());
        Probe op = new Probe(broker.url(), "op-hb").connect()) {
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      var health = r.robot().safety().link();
      long before = health.heartbeats();
      String beat = payload("hb-1", in(2_000));
      op.mqtt.publishRequest(topic, beat.getBytes(StandardCharsets.UTF_8), 1, null, null, List.of(), 5_000);
      String forged = payload("hb-2", in(2_000));
      op.mqtt.publishRequest(topic, forged.getBytes(StandardCharsets.UTF_8), 1, null, null,
          signed("alice", MALLORY, topic, forged), 5_000);
      eventually(10_000, "two heartbeats ignored", () -> r.link().heartbeatsUnsigned() == 2);
      assertThat(health.heartbeats()).as("neither counted").isEqualTo(before);
      String good = payload("hb-3", in(2_000));
      op.mqtt.publishRequest(topic, good.getBytes(StandardCharsets.UTF_8), 1, null, null,
          signed("alice", ALICE, topic, good), 5_000);
      eventually(10_000, "alice's heartbeat counted", () -> health.heartbeats() == before + 1);
      assertThat(r.link().heartbeatsUnsigned()).isEqualTo(2);
    }
  }

  @Test
  @FaultCell(fault = "command_replayed", reaction = "an id executed before (after 4,200 other commands, after a restart, "
      + "redelivered by the broker after cleanStart(false)): refused with the reason, warning event; a duplicate in the "
      + "session ignored", ticks = "-")
  void neverRunsAnIdTwiceAcrossThousandsOfCommandsRestartsAndRedelivery() throws Exception {
    String root = "foresight/t-replay/";
    String reply = root + "cmd/ack/op";
    LoadedConfig cfg = robot("t-replay");
    String arm = payload("x1", in(240_000));
    List<MqttTransport.Property> armSig = signed("alice", ALICE, root + "cmd/arm", arm);
    String disarm = payload("x2", in(240_000));
    List<MqttTransport.Property> disarmSig = signed("alice", ALICE, root + "cmd/disarm", disarm);
    try (Probe op = new Probe(broker.url(), "op-replay").connect(reply);
        Probe acks = new Probe(broker.url(), "acks-replay").connect(root + "cmd/ack");
        Probe events = new Probe(broker.url(), "ev-replay").connect(root + "events")) {
      try (var r = linked(cfg, broker.url())) {
        r.robot().start(Long.MAX_VALUE);
        eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
        assertThat(op.request(root + "cmd/arm", arm, reply, armSig).path("status").stringValue()).isEqualTo("accepted");
        assertThat(op.request(root + "cmd/disarm", disarm, reply, disarmSig)
            .path("status").stringValue()).isEqualTo("accepted");
        // The same message again, at once: a duplicate, not executed.
        refused(op.request(root + "cmd/arm", arm, reply, armSig), "ignored", "duplicate id");
        assertThat(r.robot().safety().mode()).isEqualTo(Mode.DISARMED);

        // 4,200 other signed commands (more than the session's own memory of 4,096 ids), in batches
        // the broker's queue for the robot holds (Mosquitto drops beyond max_queued_messages, 1000).
        int others = 4_200;
        for (int i = 0; i < others; i++) {
          if (i % 500 == 0) {
            int sent = i;
            eventually(60_000, "the robot recorded " + sent, () -> r.link().replayWindowSize() >= sent + 2);
          }
          String p = payload("n" + i, in(240_000));
          List<MqttTransport.Property> sig = signed("alice", ALICE, root + "cmd/disarm", p);
          for (int attempt = 0; ; attempt++) {
            try {
              op.mqtt.publishRequest(root + "cmd/disarm", p.getBytes(StandardCharsets.UTF_8), 1, null, null, sig, 5_000);
              break;
            } catch (LinkException busy) {   // the client's in-flight window (10) is momentarily full
              if (attempt > 1000) throw busy;
              Thread.sleep(1);
            }
          }
        }
        eventually(60_000, "the robot recorded all of them", () -> r.link().replayWindowSize() >= others + 2);
        // The flood's acknowledgements (on cmd/ack; most say the loop's queue was full) must be out
        // first, or the bounded ack queue could drop the answer to what comes next.
        while (!acks.collect(root + "cmd/ack", Duration.ofSeconds(1)).isEmpty()) {
          // still acknowledging
        }
        refused(op.request(root + "cmd/arm", arm, reply, armSig), "rejected", "replayed id: a command with id x1 was "
            + "already executed (replay window)");
        assertThat(r.robot().safety().mode()).as(r.robot().safety().reason()).isEqualTo(Mode.DISARMED);
        JsonNode replayed = Probe.json(events.await(m -> m.topic().equals(root + "events")
            && Probe.json(m).path("cause").stringValue().contains("command arm x1 refused: replayed id"),
            Duration.ofSeconds(10)));
        assertThat(replayed.path("severity").stringValue()).isEqualTo("warning");
      }

      // While the robot is down, the broker queues for its session: the replayed arm, and a fresh
      // command that expires before the robot is back.
      String soon = payload("x3", in(300));
      op.mqtt.publishRequest(root + "cmd/arm", soon.getBytes(StandardCharsets.UTF_8), 1, reply, "soon".getBytes(),
          signed("alice", ALICE, root + "cmd/arm", soon), 5_000);
      op.mqtt.publishRequest(root + "cmd/arm", arm.getBytes(StandardCharsets.UTF_8), 1, reply, "again".getBytes(),
          armSig, 5_000);
      Thread.sleep(1_500);   // past x3's expires_at plus the 1 s skew

      try (var r = linked(cfg, broker.url())) {
        r.robot().start(Long.MAX_VALUE);
        JsonNode queuedSoon = Probe.json(op.await(m -> m.topic().equals(reply)
            && m.correlationData().map(c -> new String(c).equals("soon")).orElse(false), Duration.ofSeconds(20)));
        refused(queuedSoon, "rejected", "expired ");
        JsonNode queuedAgain = Probe.json(op.await(m -> m.topic().equals(reply)
            && m.correlationData().map(c -> new String(c).equals("again")).orElse(false), Duration.ofSeconds(20)));
        refused(queuedAgain, "rejected", "replayed id");
        // Sent once more: this session has seen it now.
        refused(op.request(root + "cmd/arm", arm, reply, armSig), "ignored", "duplicate id");
        // A command executed before the restart, sent again after it.
        refused(op.request(root + "cmd/disarm", disarm, reply, disarmSig), "rejected", "replayed id");
        assertThat(r.robot().safety().mode()).as("nothing stale ran").isEqualTo(Mode.DISARMED);
        // A new command still runs.
        String fresh = payload("x4", in(10_000));
        assertThat(op.request(root + "cmd/arm", fresh, reply, signed("alice", ALICE, root + "cmd/arm", fresh))
            .path("status").stringValue()).isEqualTo("accepted");
      }
    }
  }
}
