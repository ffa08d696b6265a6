package dev.foresight.runtime.dashboard;

import static dev.foresight.runtime.dashboard.DashboardBrowserTest.row;
import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.broker.EmbeddedBroker;
import dev.foresight.runtime.link.LinkFixtures.Linked;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.safety.Mode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** The page against the demo's embedded broker (HiveMQ CE) and its WebSocket listener. */
class EmbeddedBrokerPageTest {

  @TempDir Path dir;

  @Test
  void theDemosBrokerServesThePageOverWebSocketAndTheEStopIsAcknowledged() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(Mosquitto.freePort(), Mosquitto.freePort())) {
      assertThat(broker.webSocketUrl()).matches("ws://127\\.0\\.0\\.1:\\d+/mqtt");
      try (DashboardServer page = DashboardServer.start(0, broker.webSocketUrl());
          Linked r = linked(config(dir, "pendulum-gym.yaml", "web-embedded", ""), broker.url());
          Browser b = new Browser(1200, 800).open(page.url())) {
        r.robot().safety().arm("test");
        r.robot().start(Long.MAX_VALUE);
        b.await(Duration.ofSeconds(30), "the robot online", d -> row(b, "web-embedded", 3).equals("online"));
        b.await(Duration.ofSeconds(20), "samples drawn", d -> ((Number) b.js("return foresight.perf.latenciesMs.length"))
            .intValue() >= 5);
        new Actions(b.driver).sendKeys(Keys.SPACE).perform();
        eventually(5_000, "the robot e-stopped", () -> r.robot().safety().mode() == Mode.ESTOP);
        b.await(Duration.ofSeconds(5), "the ack on screen", d -> b.text("#estop-state").contains("accepted by web-embedded"));
      }
    }
  }

  @Test
  void aTakenWebSocketPortMeansNoWebSocketListenerNotAFailure() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        EmbeddedBroker broker = EmbeddedBroker.start(Mosquitto.freePort(), taken.getLocalPort())) {
      assertThat(broker.webSocketUrl()).isEmpty();
    }
  }
}
