package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.link.LinkFixtures;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.link.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A robot process killed with SIGKILL leaves {@code status} = offline, through its last will. */
public class LastWillTest {

  @TempDir Path dir;

  @Test
  void aKilledRobotIsAnnouncedOfflineByItsWillOnMosquitto() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir, "")) {
      killAndExpectOffline(dir, broker.url(), "t-will-mosquitto");
    }
  }

  /** Starts a robot process, waits for its birth, kills it with SIGKILL, and checks the will. */
  public static void killAndExpectOffline(Path dir, String url, String id) throws Exception {
    Path config = LinkFixtures.config(dir, "pendulum-gym.yaml", id, "  will_delay_s: 1\n").file();
    String status = "foresight/" + id + "/status";
    Path log = dir.resolve(id + ".log");
    try (Probe probe = new Probe(url, "will-watcher-" + id).connect(status)) {
      Process robot = ChildRobot.start(config, url, log);
      try {
        JsonNode birth = probe.awaitJson(status, Duration.ofSeconds(60));
        assertThat(birth.path("state").stringValue()).as(Files.exists(log) ? Files.readString(log) : "").isEqualTo("online");
        robot.destroyForcibly();   // SIGKILL: no shutdown hook, no clean disconnect
        assertThat(robot.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(robot.exitValue()).isEqualTo(137);
        long killedAt = System.nanoTime();
        JsonNode will = probe.awaitJson(status, Duration.ofSeconds(15));
        assertThat(will.path("state").stringValue()).isEqualTo("offline");
        assertThat((System.nanoTime() - killedAt) / 1e9).as("the will waits for its delay (1 s)").isGreaterThan(0.8);
      } finally {
        robot.destroyForcibly();
      }
    }
    try (Probe later = new Probe(url, "will-later-" + id).connect(status)) {
      assertThat(later.awaitJson(status, Duration.ofSeconds(5)).path("state").stringValue())
          .as("retained").isEqualTo("offline");
    }
  }
}
