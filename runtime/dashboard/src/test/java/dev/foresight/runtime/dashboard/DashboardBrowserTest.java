package dev.foresight.runtime.dashboard;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.ChildRobot;
import dev.foresight.runtime.link.LinkFixtures.Linked;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.link.PahoTransport;
import dev.foresight.runtime.safety.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in real headless Chromium against a real Mosquitto with a WebSocket listener (beside
 * the plain one Mosquitto 2.0.11 needs) and real simulated robots: the fleet, plots, e-stop by Space with
 * its acknowledgement, hold-to-confirm commands, the will, stale data, a broker that goes away and comes back.
 */
class DashboardBrowserTest {

  @TempDir static Path dir;
  static Mosquitto broker;
  static int wsPort;
  static DashboardServer page;

  @BeforeAll
  static void start() throws Exception {
    wsPort = Mosquitto.freePort();
    broker = Mosquitto.start(dir, "listener ${port} 127.0.0.1\nallow_anonymous true\n"
        + "listener " + wsPort + " 127.0.0.1\nprotocol websockets\n");
    page = DashboardServer.start(0, "ws://127.0.0.1:" + wsPort + "/mqtt");
  }

  @AfterAll
  static void stop() throws Exception {
    page.close();
    broker.close();
  }

  /** The demo's robot (MPPI on the shipped int8 model) as {@code id}, in a folder of its own. */
  static LoadedConfig learned(Path dir, String id) throws java.io.IOException {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replaceFirst("(?m)^  id: .*$", "  id: " + id)
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("../../models/pendulum/pendulum-int8.onnx",
            TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx").toString())
        // Chromium starting on the shared two cores can stall the loop past the default 150 ms watchdog and
        // make plans late, which stops the robot before the test does; these tests are about the page, not
        // loop timing, so late plans only warn and the watchdog waits longer.
        .replace("\nsafety:\n", "\nsafety:\n  watchdog_timeout_ms: 3000\n  ladder:\n    planner_overrun: [{reaction: warn}]\n");
    return TestConfigs.write(Files.createDirectories(dir.resolve(id)), yaml);
  }

  static String row(Browser b, String robot, int column) {
    return b.text("#fleet-rows tr[data-robot='" + robot + "'] td:nth-child(" + column + ")");
  }

  @Test
  void showsTheRobotPlotsItsDataAndSpaceEStopsItWithTheAckOnScreen() throws Exception {
    try (Linked r = linked(learned(dir, "web-estop"), broker.url());
        Browser b = new Browser(1400, 900).open(page.url())) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      b.await(Duration.ofSeconds(20), "the robot in the fleet list, online", d -> row(b, "web-estop", 3).equals("online"));
      assertThat(row(b, "web-estop", 4)).isEqualTo("armed");
      assertThat(row(b, "web-estop", 5)).isEqualTo("pendulum-int8.onnx");
      assertThat(b.text("#robot-name")).as("the only robot gets the focus").isEqualTo("web-estop");
      b.await(Duration.ofSeconds(20), "samples drawn", d -> ((Number) b.js("return foresight.perf.latenciesMs.length"))
          .intValue() >= 10);
      // The legend holds each state and its prediction, with values under the cursor.
      String legend = b.text("#plot-state .u-legend");
      assertThat(legend).contains("theta", "theta predicted", "theta_dot");
      assertThat(b.text("#plot-action .u-legend")).contains("torque", "torque plan");
      // Live (a loop stalled by the loaded machine for over three telemetry periods is rightly shown stale meanwhile).
      b.await(Duration.ofSeconds(10), "live", d -> b.text("#robot-live").equals("live"));

      new Actions(b.driver).sendKeys(Keys.SPACE).perform();
      eventually(5_000, "the robot e-stopped", () -> r.robot().safety().mode() == Mode.ESTOP);
      b.await(Duration.ofSeconds(5), "the ack on screen", d -> b.text("#estop-state").contains("accepted by web-estop"));
      assertThat(b.text("#estop-state")).contains("mode estop").doesNotContain("NOT CONFIRMED");
      b.await(Duration.ofSeconds(5), "the mode in the fleet list", d -> row(b, "web-estop", 4).equals("estop"));
      b.await(Duration.ofSeconds(5), "the e-stop in the events", d -> b.text("#event-list").contains("estop command"));

      // reset needs a hold: a click sends nothing; holding 1 s sends it and shows its ack.
      b.find("button[data-cmd=reset]").click();
      Thread.sleep(500);
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ESTOP);
      assertThat(b.text("#acks")).doesNotContain("reset");
      new Actions(b.driver).clickAndHold(b.find("button[data-cmd=reset]")).pause(Duration.ofMillis(1100)).release()
          .perform();
      eventually(5_000, "reset", () -> r.robot().safety().mode() == Mode.DISARMED);
      b.await(Duration.ofSeconds(5), "the reset's ack", d -> b.text("#acks").matches("(?s).*reset -> web-estop: "
          + "accepted in \\d+ ms.*"));
      new Actions(b.driver).clickAndHold(b.find("button[data-cmd=arm]")).pause(Duration.ofMillis(1100)).release()
          .perform();
      eventually(5_000, "armed again", () -> r.robot().safety().mode() == Mode.ARMED);
      // A rejected command shows its reason.
      b.find("#param-name").sendKeys("nope");
      b.find("#param-value").sendKeys("1");
      new Actions(b.driver).clickAndHold(b.find("button[data-cmd=param]")).pause(Duration.ofMillis(1100)).release()
          .perform();
      b.await(Duration.ofSeconds(5), "the param's rejection", d -> b.text("#acks").contains("param -> web-estop: rejected"));
      b.screenshot(Path.of("target", "screenshots", "robot-view.png"));
    }
  }

  @Test
  void aKilledRobotTurnsOfflineThroughItsWill() throws Exception {
    Path cfg = config(dir, "pendulum-gym.yaml", "web-will", "  will_delay_s: 1\n").file();
    Path log = dir.resolve("web-will.log");
    Process robot = ChildRobot.start(cfg, broker.url(), log);
    try (Browser b = new Browser(1200, 800).open(page.url())) {
      try {
        // A JVM starting on a loaded machine can take a minute.
        b.await(Duration.ofSeconds(120), "the robot online", d -> row(b, "web-will", 3).equals("online"));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError("the robot never showed online; row: '" + b.text("#fleet-rows") + "'; its log:\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"), e);
      }
      robot.destroyForcibly();   // SIGKILL: no clean disconnect; the broker sends the will after 1 s
      b.await(Duration.ofSeconds(15), "the robot offline", d -> row(b, "web-will", 3).equals("offline"));
      assertThat(row(b, "web-will", 4)).as("the mode it had is kept beside offline").isEqualTo("armed");
      assertThat(b.text("#alert-list")).contains("web-will offline");
    } finally {
      robot.destroyForcibly();
    }
  }

  @Test
  void aRobotWhoseDataStopsIsMarkedStaleAndGreyedNeverLive() throws Exception {
    try (Fake robot = new Fake(broker.url(), "web-stale")) {
      robot.status("online", "armed");
      robot.metrics();
      try (Browser b = new Browser(1200, 800).open(page.url())) {
        b.await(Duration.ofSeconds(10), "the robot listed", d -> row(b, "web-stale", 3).equals("online"));
        // No more metrics: after three missed seconds the row says stale and greys with the age.
        b.await(Duration.ofSeconds(10), "stale", d -> row(b, "web-stale", 3).equals("stale"));
        double opacity1 = opacity(b, "web-stale");
        Thread.sleep(2000);
        double opacity2 = opacity(b, "web-stale");
        assertThat(opacity1).isLessThan(1.0);
        assertThat(opacity2).as("greyer with the age").isLessThan(opacity1);
        assertThat(b.text("#alert-list")).contains("web-stale stale");
        robot.metrics();
        b.await(Duration.ofSeconds(5), "live again", d -> row(b, "web-stale", 3).equals("online"));
      }
    }
  }

  @Test
  void anEStopNoRobotAcknowledgesSaysNotConfirmedAfterOneSecondForEveryTarget() throws Exception {
    // Two robots that never answer (a robot whose link is gone but whose status is still retained).
    try (Fake a = new Fake(broker.url(), "web-mute-a"); Fake c = new Fake(broker.url(), "web-mute-b")) {
      a.status("online", "armed");
      c.status("online", "armed");
      try (Browser b = new Browser(1200, 800).open(page.url())) {
        b.await(Duration.ofSeconds(10), "both listed", d -> !row(b, "web-mute-a", 3).isEmpty()
            && !row(b, "web-mute-b", 3).isEmpty());
        b.find("#fleet-rows tr[data-robot='web-mute-a']").click();
        b.find("#fleet-rows tr[data-robot='web-mute-b'] input[type=checkbox]").click();
        // The e-stop names every robot it will stop before it is pressed.
        b.await(Duration.ofSeconds(5), "both targets named", d -> b.text("#estop-targets").equals("stops: web-mute-a, web-mute-b"));
        long pressed = System.nanoTime();
        new Actions(b.driver).sendKeys(Keys.SPACE).perform();
        String waiting = b.text("#estop-state");
        b.await(Duration.ofSeconds(5), "NOT CONFIRMED for both", d -> b.text("#estop-state").split("NOT CONFIRMED - use the "
            + "hardware e-stop", -1).length == 3);
        if ((System.nanoTime() - pressed) / 1e6 < 900) {
          throw new AssertionError("NOT CONFIRMED before the 1 s budget was up");
        }
        assertThat(waiting).as("until then, it says it is waiting").contains("e-stop sent to web-mute-a, waiting for the ack");
        assertThat(b.text("#alert-list")).contains("e-stop to web-mute-a NOT CONFIRMED", "e-stop to web-mute-b NOT CONFIRMED");
      }
    }
  }

  @Test
  void theConnectedPageBeatsTheOperatorHeartbeatToEveryRobotNotOffline() throws Exception {
    try (Fake up = new Fake(broker.url(), "web-beat-up"); Fake down = new Fake(broker.url(), "web-beat-down");
        dev.foresight.runtime.link.Probe probe = new dev.foresight.runtime.link.Probe(broker.url(), "beat-watch")
            .connect("foresight/web-beat-up/cmd/heartbeat");
        dev.foresight.runtime.link.Probe probeDown = new dev.foresight.runtime.link.Probe(broker.url(), "beat-watch-2")
            .connect("foresight/web-beat-down/cmd/heartbeat")) {
      up.status("online", "armed");
      down.status("offline", "armed");
      try (Browser b = new Browser(1200, 800).open(page.url())) {
        b.await(Duration.ofSeconds(10), "both listed", d -> row(b, "web-beat-up", 3).equals("online")
            && row(b, "web-beat-down", 3).equals("offline"));
        var beats = probe.collect("foresight/web-beat-up/cmd/heartbeat", Duration.ofSeconds(2)).stream()
            .map(dev.foresight.runtime.link.Probe::json).toList();
        assertThat(beats.size()).isGreaterThanOrEqualTo(3);
        long[] gaps = new long[beats.size() - 1];
        for (int i = 1; i < beats.size(); i++) gaps[i - 1] = beats.get(i).path("ts").longValue() - beats.get(i - 1).path("ts").longValue();
        java.util.Arrays.sort(gaps);
        assertThat(gaps[gaps.length / 2]).as("every 500 ms (median gap)").isBetween(400L, 700L);
        assertThat(beats.getLast().path("expires_at").longValue() - beats.getLast().path("ts").longValue()).isEqualTo(1500);
        assertThat(probeDown.collect("foresight/web-beat-down/cmd/heartbeat", Duration.ofMillis(100)))
            .as("none to an offline robot").isEmpty();
      }
    }
  }

  static double opacity(Browser b, String robot) {
    return Double.parseDouble((String) b.js("return getComputedStyle(document.querySelector(\"#fleet-rows "
        + "tr[data-robot='" + robot + "']\")).opacity"));
  }

  @Test
  void buttonsDisableWhileTheBrokerIsGoneAndThePageReconnects() throws Exception {
    try (Fake robot = new Fake(broker.url(), "web-reconnect")) {
      robot.status("online", "armed");
      try (Browser b = new Browser(1200, 800).open(page.url())) {
        b.await(Duration.ofSeconds(10), "connected", d -> b.find("#conn").getText().equals("connected"));
        b.await(Duration.ofSeconds(10), "the robot listed", d -> !row(b, "web-reconnect", 3).isEmpty());
        assertThat(b.find("#estop").isEnabled()).isTrue();
        broker.stop();
        try {
          b.await(Duration.ofSeconds(10), "disconnected", d -> b.find("#conn").getText().startsWith("disconnected, retry in"));
          assertThat(b.find("#estop").isEnabled()).isFalse();
          assertThat(b.find("button[data-cmd=arm]").isEnabled()).isFalse();
          // Space while disconnected sends nothing (nothing to send it on) and shows no false ack.
          new Actions(b.driver).sendKeys(Keys.SPACE).perform();
          assertThat(b.text("#estop-state")).isEmpty();
        } finally {
          broker.restart();
        }
        b.await(Duration.ofSeconds(30), "reconnected", d -> b.find("#conn").getText().equals("connected"));
        assertThat(b.find("#estop").isEnabled()).isTrue();
        assertThat(b.driver.findElements(By.cssSelector("#fleet-rows tr[data-robot='web-reconnect']"))).hasSize(1);
      }
    }
  }

  @Test
  void overA256KbitLinkWith100MsDelayThePageStaysLiveEStopsAndNoticesWhenTheLinkDies() throws Exception {
    try (SlowLink link = new SlowLink(wsPort, 100, 256_000);
        DashboardServer slowPage = DashboardServer.start(0, "ws://127.0.0.1:" + link.port() + "/mqtt");
        Linked r = linked(learned(dir, "web-slow"), broker.url());
        Browser b = new Browser(1200, 800).open(slowPage.url())) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      b.await(Duration.ofSeconds(30), "the robot online over the slow link", d -> row(b, "web-slow", 3).equals("online"));
      b.await(Duration.ofSeconds(30), "samples drawn", d -> ((Number) b.js("return foresight.perf.latenciesMs.length"))
          .intValue() >= 20);
      b.await(Duration.ofSeconds(5), "live", d -> b.text("#robot-live").equals("live"));

      new Actions(b.driver).sendKeys(Keys.SPACE).perform();
      b.await(Duration.ofSeconds(5), "the e-stop's ack", d -> b.text("#estop-state").contains("accepted by web-slow"));
      assertThat(r.robot().safety().mode()).isEqualTo(Mode.ESTOP);
      double rttMs = ((Number) b.js("return foresight.perf.estops[0].rttMs")).doubleValue();
      assertThat(rttMs).as("the round trip crosses the added delay twice").isGreaterThanOrEqualTo(200);

      // The radio drops out: no reset, no close. The page's keep-alive notices, disables the buttons, marks
      // the data as not live, and reconnects over a fresh connection.
      link.stall();
      b.await(Duration.ofSeconds(25), "the dead link noticed", d -> b.find("#conn").getText().startsWith("disconnected"));
      assertThat(b.find("#estop").isEnabled()).isFalse();
      assertThat(b.find("#conn").getAttribute("title")).startsWith("no answer from the broker for");
      b.await(Duration.ofSeconds(10), "the plots marked not live", d -> b.text("#plot-note").startsWith("NOT LIVE"));
      b.await(Duration.ofSeconds(30), "reconnected", d -> b.find("#conn").getText().equals("connected"));
      b.await(Duration.ofSeconds(10), "live again", d -> b.text("#robot-live").equals("live"));
    }
  }

  /** A robot's side of the topics, published by hand (for states a real robot reaches only slowly). */
  static final class Fake implements AutoCloseable {
    final MqttTransport mqtt;
    final String id;

    Fake(String url, String id) throws Exception {
      this.id = id;
      mqtt = new PahoTransport(new MqttTransport.Options(url, "fake-" + id, Optional.empty(), Optional.empty(), null,
          true, Optional.empty(), 0, 5), new MqttTransport.Listener() {
        @Override
        public void onMessage(MqttTransport.Message message) {}

        @Override
        public void onConnectionLost(String reason) {}
      });
      mqtt.connect(5_000);
    }

    void status(String state, String mode) throws Exception {
      publish("status", "{\"state\":\"" + state + "\",\"robot\":\"" + id + "\",\"model\":null,\"controller\":\"lqr\","
          + "\"mode\":\"" + mode + "\",\"loop_hz\":20,\"telemetry_hz\":10.0,\"states\":[\"x\"],\"actions\":[\"u\"]}", true);
    }

    void metrics() throws Exception {
      publish("metrics", "{\"ts\":" + System.currentTimeMillis() + ",\"rate_hz\":20.0,\"jitter_p99_us\":100}", false);
    }

    void publish(String topic, String json, boolean retain) throws Exception {
      mqtt.publish("foresight/" + id + "/" + topic, json.getBytes(StandardCharsets.UTF_8), 1, retain, null, 5_000);
    }

    @Override
    public void close() throws Exception {
      if (!mqtt.connected()) mqtt.connect(5_000);   // after a broker restart
      publish("status", "", true);   // clears the retained status for the other tests
      mqtt.disconnect(1_000);
      mqtt.close();
    }
  }

}
