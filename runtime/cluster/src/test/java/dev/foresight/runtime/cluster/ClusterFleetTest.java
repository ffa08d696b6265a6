package dev.foresight.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.link.LinkFixtures;
import dev.foresight.runtime.monitor.Fleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Foresight on a real clustered MQTT 5 broker (issue 18 item 1): three Artemis nodes in three JVMs on
 * loopback; a robot ({@code foresight run}, a JVM of its own) on node A with the whole server list;
 * operators on B and C; two ingesters on a shared subscription, one on B and one on C. Telemetry is
 * split between the ingesters with no sample lost or delivered twice; a command from C reaches the
 * robot on A and its MQTT 5 response comes back; node A is killed and the robot comes back on
 * another node without an offline flap, a repeated command is not executed twice, and when the robot
 * itself is killed its delayed will announces it offline.
 */
class ClusterFleetTest {

  static final String ROBOT = "fleet-r1";
  static final String ROOT = "foresight/" + ROBOT + "/";
  static final String SHARED = "$share/ingest/foresight/+/telemetry";

  @TempDir Path dir;

  @Test
  void aRobotOnNodeAIsOperatedFromBAndCThroughANodeFailure() throws Exception {
    try (ArtemisCluster cluster = ArtemisCluster.start(3, Files.createDirectories(dir.resolve("cluster")));
        Client operatorB = new Client(cluster.url(1), "operator-b").connect("foresight/+/status", "foresight/+/events");
        Client operatorC = new Client(cluster.url(2), "operator-c").connect("foresight/+/status",
            "foresight/+/cmd/ack/operator-c");
        Client ingestB = new Client(cluster.url(1), "ingest-b").connect(SHARED);
        Client ingestC = new Client(cluster.url(2), "ingest-c").connect(SHARED)) {
      // The robot: pendulum-sim at 20 Hz, every tick published (telemetry 20 Hz), a 2 s will delay,
      // told all three nodes, A first.
      LoadedConfig config = LinkFixtures.config(dir, "pendulum-sim.yaml", ROBOT, "  rate_hz: 20\n  will_delay_s: 2\n");
      Process robot = startRobot(config.file(), cluster.urls(0));
      try {
        JsonNode birth = operatorC.await("status", n -> n.path("state").asString("").equals("online"),
            Duration.ofSeconds(60));
        assertThat(birth.path("robot").asString("")).isEqualTo(ROBOT);
        operatorB.await("status", n -> n.path("state").asString("").equals("online"), Duration.ofSeconds(10));

        // Telemetry flows through A to the shared subscription's two consumers on B and C.
        waitUntil(() -> ticks(ingestB).size() >= 20 && ticks(ingestC).size() >= 20, Duration.ofSeconds(30),
            "both ingesters receive telemetry");
        // A command from C reaches the robot on A; its MQTT 5 response returns to C.
        String reply = "foresight/" + ROBOT + "/cmd/ack/operator-c";
        String arm = "{\"id\":\"arm-1\",\"expires_at\":" + (System.currentTimeMillis() + 60_000) + "}";
        JsonNode armed = operatorC.request(ROOT + "cmd/arm", arm, reply, Duration.ofSeconds(10));
        assertThat(armed.path("status").asString("")).as(armed.toString()).isEqualTo("accepted");

        // Split without loss or duplicates: a window of ticks, well inside the steady phase.
        Thread.sleep(1_000);
        List<Long> b = ticks(ingestB);
        List<Long> c = ticks(ingestC);
        Set<Long> onB = new HashSet<>(b);
        Set<Long> onC = new HashSet<>(c);
        assertThat(onB).as("no duplicates on B").hasSameSizeAs(b);
        assertThat(onC).as("no duplicates on C").hasSameSizeAs(c);
        Set<Long> both = new HashSet<>(onB);
        both.retainAll(onC);
        assertThat(both).as("no sample delivered to both consumers of the shared subscription").isEmpty();
        TreeSet<Long> all = new TreeSet<>(onB);
        all.addAll(onC);
        long first = all.first() + 5;   // ticks published before both subscriptions had spread may go one way
        long last = all.last() - 5;     // the newest may still be on their way
        for (long t = first; t <= last; t++) assertThat(all).as("tick %d delivered", t).contains(t);
        assertThat(last - first).isGreaterThan(30);
        assertThat(onB.size()).as("B's share").isGreaterThan(all.size() / 5);
        assertThat(onC.size()).as("C's share").isGreaterThan(all.size() / 5);

        // Node A dies. The robot goes through its server list to B or C, announces itself there
        // again, and its telemetry flows on; A took the robot's will with it, so nobody hears "offline".
        long beforeKill = all.last();
        int statusesBefore = operatorC.on("status").size();
        cluster.kill(0);
        operatorC.await("status", n -> n.path("state").asString("").equals("online"), Duration.ofSeconds(1))
            .toString();   // the first birth (still in the list)
        waitUntil(() -> operatorC.on("status").size() > statusesBefore, Duration.ofSeconds(30),
            "the robot announces itself on another node");
        waitUntil(() -> maxTick(ingestB) > beforeKill + 20 && maxTick(ingestC) > beforeKill + 20,
            Duration.ofSeconds(30), "telemetry resumes to both ingesters after the failover");
        assertThat(operatorC.on("status")).allMatch(n -> n.path("state").asString("").equals("online"));
        operatorB.await("events", n -> n.path("cause").asString("").startsWith("link restored"),
            Duration.ofSeconds(10));

        // The same command again (an operator retrying after the outage): not executed twice.
        JsonNode again = operatorC.request(ROOT + "cmd/arm", arm, reply, Duration.ofSeconds(10));
        assertThat(again.path("status").asString("")).as(again.toString()).isEqualTo("ignored");
        assertThat(again.path("reason").asString("")).contains("duplicate id");
        String disarm = "{\"id\":\"disarm-1\",\"expires_at\":" + (System.currentTimeMillis() + 60_000) + "}";
        assertThat(operatorC.request(ROOT + "cmd/disarm", disarm, reply, Duration.ofSeconds(10)).path("status")
            .asString("")).isEqualTo("accepted");

        // A monitor that joins node C now hears no retained status (Artemis keeps retained messages
        // on the node they were published to), yet it sees the robot from its telemetry.
        Fleet fleet = new Fleet();
        try (Client late = new Client(cluster.url(2), "late-monitor").connect("foresight/+/status",
            "foresight/+/telemetry")) {
          waitUntil(() -> !late.on("telemetry").isEmpty(), Duration.ofSeconds(10), "telemetry to the late monitor");
          for (var m : late.received) fleet.accept(m.topic(), m.payload());
        }
        assertThat(fleet.robots()).singleElement().satisfies(r -> {
          assertThat(r.id()).isEqualTo(ROBOT);
          assertThat(r.state()).isEqualTo("online");
        });

        // The robot dies without a goodbye: the node it is on now sends its will after the delay.
        long killedNs = System.nanoTime();
        robot.destroyForcibly();
        robot.waitFor(10, TimeUnit.SECONDS);
        operatorC.await("status", n -> n.path("state").asString("").equals("offline"), Duration.ofSeconds(30));
        assertThat(System.nanoTime() - killedNs).as("the will waits its delay")
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_500));
      } finally {
        robot.destroyForcibly();
        robot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private Process startRobot(Path config, String brokers) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), "dev.foresight.runtime.cli.Main", "run", "--quiet", "--config",
        config.toString(), "--broker", brokers));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("robot.log").toFile()).start();
  }

  private static List<Long> ticks(Client c) {
    List<Long> out = new ArrayList<>();
    for (JsonNode n : c.on("telemetry")) out.add(n.path("tick").asLong(-1));
    return out;
  }

  private static long maxTick(Client c) {
    return ticks(c).stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  private void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; robot log:\n"
            + Files.readString(dir.resolve("robot.log"), StandardCharsets.UTF_8));
      }
      Thread.sleep(50);
    }
  }
}
