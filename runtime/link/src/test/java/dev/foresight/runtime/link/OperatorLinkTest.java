package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The link against a real Mosquitto: what it publishes, and every command path. */
class OperatorLinkTest {

  @TempDir static Path dir;
  static Mosquitto broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = Mosquitto.start(dir, "");
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void publishesRetainedBirthFlatTelemetryEventsAndMetrics() throws Exception {
    try (Probe early = new Probe(broker.url(), "early").connect("foresight/t-birth/#");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-birth", ""), broker.url())) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      JsonNode status = early.awaitJson("foresight/t-birth/status", Duration.ofSeconds(10));
      assertThat(status.path("state").stringValue()).isEqualTo("online");
      assertThat(status.path("config_hash").stringValue()).isEqualTo(r.robot().loaded().sha256());
      assertThat(status.path("controller").stringValue()).isEqualTo("swingup");
      assertThat(status.path("states").toString()).as("which telemetry keys are state").isEqualTo("[\"theta\",\"theta_dot\"]");
      assertThat(status.path("actions").toString()).isEqualTo("[\"torque\"]");

      JsonNode event = early.awaitJson("foresight/t-birth/events", Duration.ofSeconds(5));
      assertThat(event.path("severity").stringValue()).isEqualTo("info");
      assertThat(event.path("seq").longValue()).isPositive();

      List<MqttTransport.Message> samples = early.collect("foresight/t-birth/telemetry", Duration.ofSeconds(2));
      // 20 Hz loop, 10 Hz telemetry: every second tick, none missing, about 20 in 2 s (more or fewer
      // when a loaded machine delays ticks and they catch up).
      long firstTick = Probe.json(samples.getFirst()).path("tick").longValue();
      long lastTick = Probe.json(samples.getLast()).path("tick").longValue();
      assertThat((long) samples.size()).as("every second tick from %d to %d", firstTick, lastTick)
          .isEqualTo((lastTick - firstTick) / 2 + 1);
      assertThat(samples.size()).isBetween(10, 40);
      JsonNode sample = Probe.json(samples.getLast());
      assertThat(sample.propertyNames()).containsExactly("ts", "tick", "theta", "theta_dot", "torque", "cost", "mode",
          "phase");
      assertThat(sample.path("ts").longValue()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
      assertThat(sample.path("theta").isNumber()).isTrue();
      long t1 = Probe.json(samples.get(samples.size() - 2)).path("tick").longValue();
      assertThat(sample.path("tick").longValue() - t1).as("decimation 20 Hz -> 10 Hz").isEqualTo(2);

      JsonNode metrics = early.awaitJson("foresight/t-birth/metrics", Duration.ofSeconds(3));
      assertThat(metrics.path("rate_hz").doubleValue()).isBetween(15.0, 25.0);
      assertThat(metrics.has("jitter_p99_us")).isTrue();
      assertThat(metrics.path("telemetry_dropped").longValue()).isZero();

      // A subscriber that arrives later still gets the status: it is retained.
      try (Probe late = new Probe(broker.url(), "late").connect("foresight/t-birth/status")) {
        assertThat(late.awaitJson("foresight/t-birth/status", Duration.ofSeconds(5)).path("mode").stringValue())
            .isEqualTo("armed");
      }
    }
  }

  @Test
  void everyCommandPathIsAcknowledgedWithItsOutcome() throws Exception {
    String root = "foresight/t-cmd/";
    String reply = root + "cmd/ack/op1";
    // A patient watchdog: on a loaded machine the 50 Hz loop can miss a few deadlines in a row, and a
    // watchdog e-stop is not what this test is about.
    try (var r = linked(config(dir, "cartpole-sim.yaml", "t-cmd", "", "  watchdog_missed_deadlines: 50\n"), broker.url());
        Probe op = new Probe(broker.url(), "op1").connect(reply, root + "cmd/ack")) {
      // Online before arming: a link still connecting after 3 s (a loaded machine) is a link_lost safe stop.
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      Ops ops = new Ops(op, root, reply);

      ops.expect("setpoint", "\"values\":{\"x\":0.5}", "accepted", null);
      TickFrame view = r.robot().loop().newFrame();
      eventually(10_000, "the cart moves towards x = 0.5", () -> r.robot().loop().snapshot().read(view)
          && view.state[0] > 0.3);
      ops.expect("setpoint", "\"values\":{\"x\":3.0}", "rejected", "values.x: 3.0 is out of range [-2.4, 2.4]");
      ops.expect("setpoint", "\"values\":{\"y\":0.0}", "rejected", "values.y: no such state variable");
      ops.expect("param", "\"name\":\"gain\",\"value\":1", "rejected", "controller lqr has no parameter 'gain' (it has none)");

      ops.expect("disarm", "", "accepted", null);
      assertThat(r.robot().safety().mode()).as(r.robot().safety().reason()).isEqualTo(Mode.DISARMED);
      ops.expect("setpoint", "\"values\":{\"x\":0.0}", "rejected", "motion commands need the robot armed");
      ops.expect("arm", "", "accepted", null);
      ops.expect("mode", "\"mode\":\"disarmed\"", "accepted", null);
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.DISARMED);
      ops.expect("mode", "\"mode\":\"safe_stop\"", "rejected", "entered by the supervisor on a fault");
      ops.expect("mode", "\"mode\":\"armed\"", "accepted", null);

      JsonNode estop = ops.expect("estop", "\"reason\":\"test\"", "accepted", null);
      assertThat(estop.path("mode").stringValue()).isEqualTo("estop");
      assertThat(r.robot().safety().reason()).contains("test");
      ops.expect("arm", "", "rejected", "arm: estop is latched");
      ops.expect("reset", "", "accepted", null);
      ops.expect("reset", "", "rejected", "nothing to reset");
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.DISARMED);

      // Expired, duplicate, unknown, malformed, oversize.
      JsonNode expired = op.request(root + "cmd/arm", "{\"id\":\"old\",\"expires_at\":"
          + (System.currentTimeMillis() - 60_000) + "}", reply);
      assertThat(expired.path("status").stringValue()).isEqualTo("rejected");
      assertThat(expired.path("reason").stringValue()).startsWith("expired ");
      String once = "{\"id\":\"once\",\"expires_at\":" + (System.currentTimeMillis() + 10_000) + "}";
      assertThat(op.request(root + "cmd/arm", once, reply).path("status").stringValue()).isEqualTo("accepted");
      ops.send("disarm", "");
      JsonNode dup = op.request(root + "cmd/arm", once, reply);
      assertThat(dup.path("status").stringValue()).isEqualTo("ignored");
      assertThat(dup.path("reason").stringValue()).contains("duplicate id", "accepted");
      assertThat(r.robot().safety().mode()).as("the duplicate arm was not executed").isEqualTo(Mode.DISARMED);
      ops.expect("fly", "", "rejected", "unknown command 'fly'");
      JsonNode malformed = op.request(root + "cmd/arm", "{\"id\":", reply);
      assertThat(malformed.path("reason").stringValue()).startsWith("payload is not valid JSON");
      assertThat(malformed.path("id").isNull()).isTrue();
      JsonNode big = op.request(root + "cmd/arm", "{\"id\":\"big\",\"pad\":\"" + "x".repeat(5000) + "\"}", reply);
      assertThat(big.path("reason").stringValue()).isEqualTo("payload is 5021 bytes; commands are at most 4096");

      // Without a response topic (MQTT 3 clients, mosquitto_pub) the reply goes to cmd/ack.
      op.mqtt.publish(root + "cmd/arm", ("{\"id\":\"plain\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
          + "}").getBytes(), 1, false, null, 5_000);
      JsonNode fallback = op.awaitJson(root + "cmd/ack", Duration.ofSeconds(10));
      assertThat(fallback.path("id").stringValue()).isEqualTo("plain");
      assertThat(fallback.path("status").stringValue()).isEqualTo("accepted");
      // A response topic outside the robot's own tree is not used (the robot's ACL would refuse it).
      op.mqtt.subscribe("elsewhere/replies", 1, 5_000);
      op.mqtt.publishRequest(root + "cmd/disarm", ("{\"id\":\"away\",\"expires_at\":"
          + (System.currentTimeMillis() + 10_000) + "}").getBytes(), "elsewhere/replies", new byte[] {1}, 5_000);
      MqttTransport.Message away = op.await(m -> m.topic().startsWith(root + "cmd/ack")
          || m.topic().equals("elsewhere/replies"), Duration.ofSeconds(10));
      assertThat(away.topic()).isEqualTo(root + "cmd/ack");
    }
  }

  @Test
  void controllerParametersAreSetInRange() throws Exception {
    String root = "foresight/t-param/";
    String reply = root + "cmd/ack/op";
    try (var r = linked(config(dir, "pendulum-gym.yaml", "t-param", ""), broker.url());
        Probe op = new Probe(broker.url(), "op-param").connect(reply)) {
      r.robot().start(Long.MAX_VALUE);
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      Ops ops = new Ops(op, root, reply);
      ops.expect("param", "\"name\":\"energy_gain\",\"value\":2.5", "accepted", null);
      ops.expect("param", "\"name\":\"energy_gain\",\"value\":500", "rejected", "energy_gain: 500.0 is out of range");
      ops.expect("param", "\"name\":\"energy_gain\",\"value\":\"2\"", "rejected", "value must be a number");
      ops.expect("setpoint", "\"values\":{\"theta\":0.1}", "rejected", "controller swingup has no setpoint");
    }
  }

  @Test
  void eventsRaisedWhileTheBrokerIsDownArriveAfterItReturns() throws Exception {
    try (Mosquitto own = Mosquitto.start(java.nio.file.Files.createDirectories(dir.resolve("restart")), "");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-restart", ""), own.url())) {
      r.robot().start(Long.MAX_VALUE);
      // A persistent subscriber: its session (and its QoS 1 queue) survives the broker restart.
      Probe watcher = new Probe(own.url(), "watcher").connect("foresight/t-restart/events");
      eventually(10_000, "the link is online", () -> r.link().state().equals("online"));
      watcher.close();

      own.stop();
      eventually(10_000, "the link notices", () -> !r.link().state().equals("online"));
      for (int i = 0; i < 20; i++) r.link().post(new LinkEvent(System.currentTimeMillis(), "warning", "offline event " + i, "", "disarmed"));
      eventually(5_000, "events are buffered", () -> r.link().eventsPending() >= 20);
      own.restart();
      eventually(40_000, "the link reconnects and delivers", () -> r.link().eventsPending() == 0
          && r.link().state().equals("online"));

      try (Probe back = new Probe(own.url(), "watcher").connect()) {
        List<MqttTransport.Message> events = back.collect("foresight/t-restart/events", Duration.ofSeconds(3));
        List<String> causes = events.stream().map(m -> Probe.json(m).path("cause").stringValue()).toList();
        for (int i = 0; i < 20; i++) assertThat(causes).contains("offline event " + i);
        assertThat(causes).anyMatch(c -> c.startsWith("link restored after"));
      }
      assertThat(r.link().connects()).isEqualTo(2);
    }
  }

  @Test
  void publishesThePlanInUseAndTheWorldModelsOneStepError() throws Exception {
    String root = "foresight/t-plan/";
    // The demo's robot (MPPI on the shipped int8 model), copied to a temporary folder.
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replaceFirst("(?m)^  id: .*$", "  id: t-plan")
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("../../models/pendulum/pendulum-int8.onnx",
            TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx").toString());
    try (Probe op = new Probe(broker.url(), "op-plan").connect(root + "plan", root + "metrics", root + "telemetry");
        var r = linked(TestConfigs.write(Files.createDirectories(dir.resolve("t-plan")), yaml), broker.url())) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      JsonNode plan = op.awaitJson(root + "plan", Duration.ofSeconds(10));
      assertThat(plan.path("horizon").intValue()).isEqualTo(40);
      assertThat(plan.path("step_s").doubleValue()).isEqualTo(0.05);
      assertThat(plan.path("torque").size()).isEqualTo(40);
      for (JsonNode torque : plan.path("torque")) assertThat(torque.doubleValue()).isBetween(-2.0, 2.0);
      assertThat(plan.path("tick").longValue()).isPositive();
      // Telemetry carries the model's one-step prediction of each state beside the state itself.
      JsonNode sample = Probe.json(op.await(m -> m.topic().equals(root + "telemetry")
          && Probe.json(m).has("predicted.theta"), Duration.ofSeconds(10)));
      assertThat(sample.path("predicted.theta_dot").isNumber()).isTrue();
      // theta is wrapped to [-pi, pi): near the bottom a prediction of -3.14 for 3.14 is a close one.
      assertThat(Math.abs(dev.foresight.config.Angles.wrap(sample.path("predicted.theta").doubleValue()
          - sample.path("theta").doubleValue())))
          .as("a good model predicts the next angle closely").isLessThan(0.1);
      // The learned model against the simulated pendulum: small, but not zero.
      JsonNode metrics = Probe.json(op.await(m -> m.topic().equals(root + "metrics") && Probe.json(m).has("model_error"),
          Duration.ofSeconds(10)));
      assertThat(metrics.path("model_error").doubleValue()).isBetween(1e-5, 0.05);
      assertThat(metrics.path("model_error.theta").doubleValue()).isBetween(1e-6, 0.05);
      assertThat(metrics.path("model_error.theta_dot").doubleValue()).isBetween(1e-6, 0.05);
      assertThat(metrics.path("model_version").isNumber()).as("the correction in force is published").isTrue();
      assertThat(metrics.path("model_version").intValue()).as("no adaptation: the model alone").isZero();
    }
  }

  @Test
  void aRobotWithoutAWorldModelPublishesNoModelErrorAndNoPlan() throws Exception {
    String root = "foresight/t-noplan/";
    try (Probe op = new Probe(broker.url(), "op-noplan").connect(root + "plan", root + "metrics");
        var r = linked(config(dir, "pendulum-gym.yaml", "t-noplan", ""), broker.url())) {
      r.robot().start(Long.MAX_VALUE);
      JsonNode metrics = op.awaitJson(root + "metrics", Duration.ofSeconds(10));
      assertThat(metrics.has("ticks")).isTrue();
      assertThat(metrics.has("model_error")).isFalse();
      assertThat(op.collect(root + "plan", Duration.ofMillis(500))).isEmpty();
      // A replacement metrics source still adds its numbers.
      MetricsSource loop = new LoopMetricsSource(r.robot().loop().metrics(), r.robot().clock(),
          () -> java.util.Map.of("battery_v", 11.5));
      r.link().metrics(loop);
      JsonNode battery = Probe.json(op.await(m -> m.topic().equals(root + "metrics") && Probe.json(m).has("battery_v"),
          Duration.ofSeconds(5)));
      assertThat(battery.path("battery_v").doubleValue()).isEqualTo(11.5);
    }
  }

  /** Sends commands and checks their acknowledgements. */
  record Ops(Probe op, String root, String reply) {
    JsonNode send(String command, String fields) throws Exception {
      String id = command + "-" + System.nanoTime();
      String body = "{\"id\":\"" + id + "\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
          + (fields.isEmpty() ? "" : "," + fields) + "}";
      JsonNode ack = op.request(root + "cmd/" + command, body, reply);
      assertThat(ack.path("id").stringValue()).isEqualTo(id);
      assertThat(ack.path("command").stringValue()).isEqualTo(command);
      return ack;
    }

    JsonNode expect(String command, String fields, String status, String reason) throws Exception {
      JsonNode ack = send(command, fields);
      assertThat(ack.path("status").stringValue()).as(command + " " + fields + ": " + ack).isEqualTo(status);
      if (reason != null) assertThat(ack.path("reason").stringValue()).contains(reason);
      return ack;
    }
  }
}
