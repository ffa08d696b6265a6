package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SystemClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACL of docs/mosquitto/acl on a real Mosquitto with passwords: robots write only their own
 * tree, operators command, viewers only watch, and a robot whose credentials are refused keeps
 * running, reports {@code refused} and retries.
 */
class SecurityTest {

  @TempDir static Path dir;
  static Mosquitto broker;

  @BeforeAll
  static void startBroker() throws Exception {
    Path passwd = dir.resolve("passwd");
    for (String[] user : new String[][] {{"r1", "robot-one"}, {"operator", "op-secret"}, {"viewer", "view-only"}}) {
      java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("mosquitto_passwd", "-b"));
      if (!Files.exists(passwd)) command.add("-c");
      command.addAll(java.util.List.of(passwd.toString(), user[0], user[1]));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(out).isZero();
    }
    Files.copy(TestConfigs.ROOT.resolve("docs/mosquitto/acl"), dir.resolve("acl"));
    broker = Mosquitto.start(dir, "allow_anonymous false\npassword_file " + passwd + "\nacl_file " + dir.resolve("acl") + "\n");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  static Probe user(String name, String password, String... filters) throws LinkException {
    return new Probe(new MqttTransport.Options(broker.url(), name + "-" + System.nanoTime(), Optional.of(name),
        Optional.of(password.getBytes(StandardCharsets.UTF_8)), null, true, Optional.empty(), 0, 5)).connect(filters);
  }

  @Test
  void aRobotWithItsPasswordPublishesAndOnlyOperatorsCommandIt() throws Exception {
    Files.writeString(dir.resolve("r1.password"), "robot-one\n");
    var cfg = config(dir, "pendulum-gym.yaml", "r1", "  username: r1\n  password_file: ../r1.password\n");
    try (Probe viewer = user("viewer", "view-only", "foresight/#");
        var r = linked(cfg, broker.url());
        Probe op = user("operator", "op-secret", "foresight/r1/cmd/ack/op")) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      assertThat(viewer.awaitJson("foresight/r1/status", Duration.ofSeconds(10)).path("state").stringValue())
          .isEqualTo("online");
      assertThat(viewer.awaitJson("foresight/r1/telemetry", Duration.ofSeconds(5)).has("theta")).isTrue();

      // A viewer may not command: the broker refuses the publish (MQTT 5 reason code 135).
      assertThatThrownBy(() -> viewer.mqtt.publishRequest("foresight/r1/cmd/estop", "{}".getBytes(),
          "foresight/r1/cmd/ack/v", new byte[] {1}, 5_000))
          .isInstanceOfSatisfying(LinkException.class, e -> assertThat(e.reasonCode()).isEqualTo(0x87))
          .hasMessageContaining("not authorized");
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ARMED);

      // An operator may.
      var ack = op.request("foresight/r1/cmd/estop", "{\"id\":\"op-1\",\"expires_at\":"
          + (System.currentTimeMillis() + 10_000) + "}", "foresight/r1/cmd/ack/op");
      assertThat(ack.path("status").stringValue()).isEqualTo("accepted");
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ESTOP);
    }
  }

  @Test
  void aRobotMayNotWriteAnotherRobotsTopics() throws Exception {
    // Logs in as r1 but is configured as r2: every write under foresight/r2/ is refused.
    var cfg = config(dir, "pendulum-gym.yaml", "r2", "  username: r1\n  password_env: R1_PASSWORD\n");
    try (Probe viewer = user("viewer", "view-only", "foresight/r2/#");
        var r = linked(cfg, broker.url(), new SystemClock(), Map.of("R1_PASSWORD", "robot-one"))) {
      r.robot().start(Long.MAX_VALUE);
      eventually(10_000, "the link reports the refusal", () -> r.link().state().equals("refused"));
      assertThat(r.link().lastProblem()).contains("publish to foresight/r2/status", "not authorized (135)");
      assertThat(viewer.collect("foresight/r2/status", Duration.ofSeconds(1))).isEmpty();
      assertThat(r.robot().runner().running()).as("the loop does not care").isTrue();
    }
  }

  @Test
  @FaultCell(fault = "link_lost", reaction = "credentials refused by a real Mosquitto: default ladder, safe stop after 3 s; the loop runs on", ticks = "> 3 s")
  void refusedCredentialsLeaveTheLoopRunningAndTheLinkRetryingButTheRobotWithoutOperatorsStops() throws Exception {
    var cfg = config(dir, "pendulum-gym.yaml", "r1-wrong", "  username: r1\n  password_env: R1_PASSWORD\n",
        LinkLossTest.LOADED);
    try (var r = linked(cfg, broker.url(), new SystemClock(), Map.of("R1_PASSWORD", "guess"))) {
      r.robot().safety().arm("test");
      long startedAt = System.nanoTime();
      r.robot().start(Long.MAX_VALUE);
      eventually(10_000, "the link reports the refusal", () -> r.link().state().equals("refused"));
      assertThat(r.link().lastProblem()).containsAnyOf("not authorized (135)", "bad user name or password (134)");
      long ticks = r.robot().loop().tick();
      TimeUnit.MILLISECONDS.sleep(500);
      assertThat(r.robot().loop().tick()).as("ticks go on").isGreaterThan(ticks + 5);
      // No operator can reach it (no remote e-stop): the default link_lost ladder warns, holds after
      // 1 s and stops after 3 s. (It used to keep moving for as long as the refusal lasted.)
      eventually(10_000, "the safe stop", () -> r.robot().safety().mode() == Mode.SAFE_STOP);
      assertThat((System.nanoTime() - startedAt) / 1e6).as("ms from the start to the safe stop").isGreaterThan(3_000.0);
      assertThat(r.robot().safety().reason()).isEqualTo("link_lost mqtt");
      assertThat(r.robot().runner().running()).as("the loop goes on").isTrue();
      assertThat(r.link().connects()).isZero();
      assertThat(broker.log()).contains("Sending CONNACK to 127.0.0.1 (0, 135)", "disconnected, not authorised");
    }
  }

  @Test
  void aMissingPasswordVariableIsAOneLineError() {
    var cfg = config(dir, "pendulum-gym.yaml", "r1-noenv", "  username: r1\n  password_env: NOT_SET_ANYWHERE\n");
    assertThatThrownBy(() -> LinkSettings.resolve(cfg, broker.url(), Map.of()))
        .hasMessage("telemetry.password_env: environment variable NOT_SET_ANYWHERE is not set; export it before "
            + "starting foresight");
  }
}
