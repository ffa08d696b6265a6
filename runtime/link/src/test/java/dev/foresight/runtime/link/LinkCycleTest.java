package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network agent's cycle stepped by hand: its time is the {@code nowNs} it is given, nothing else. */
class LinkCycleTest {

  @TempDir Path dir;

  /** A broker that is never there: every connect fails (not refused), and the attempts are counted. */
  static final class Unreachable implements MqttTransport {
    int connects;

    @Override
    public void connect(long timeoutMs) throws LinkException {
      connects++;
      throw new LinkException("connection refused by the network", -1);
    }

    @Override
    public boolean connected() {
      return false;
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain, byte[] correlationData, long timeoutMs) {}

    @Override
    public void publishRequest(String topic, byte[] payload, int qos, String responseTopic, byte[] correlationData,
        List<MqttTransport.Property> userProperties, long timeoutMs) {}

    @Override
    public void subscribe(String filter, int qos, long timeoutMs) {}

    @Override
    public void disconnect(long timeoutMs) {}

    @Override
    public void close() {}
  }

  @Test
  void reconnectsWhenTheCyclesTimeReachesEachJitteredBackoff() throws Exception {
    var loaded = LinkFixtures.config(dir, "pendulum-gym.yaml", "t-cycle", "");
    Unreachable transport = new Unreachable();
    try (Robot robot = Robot.assemble(loaded, new SteppedClock());
        OperatorLink link = OperatorLink.attach(robot, LinkSettings.resolve(loaded, "tcp://127.0.0.1:9", Map.of()),
            "test", (options, listener) -> transport)) {
      long cycle = OperatorLink.CYCLE_NS;
      List<Long> attemptsAt = new ArrayList<>();
      for (long t = 0; t <= TimeUnit.SECONDS.toNanos(8); t += cycle) {
        int before = transport.connects;
        assertThat(link.doWork(t)).as("nothing published while offline").isZero();
        if (transport.connects > before) attemptsAt.add(t);
      }

      // The same seeded delays: each attempt comes on the first cycle at or after the previous one plus its delay.
      Backoff backoff = new Backoff(TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(30),
          LinkSettings.resolve(loaded, "tcp://127.0.0.1:9", Map.of()).clientId().hashCode());
      List<Long> expected = new ArrayList<>();
      for (long at = 0; at <= TimeUnit.SECONDS.toNanos(8); ) {
        expected.add(at);
        long due = at + backoff.nextNs();
        at = (due + cycle - 1) / cycle * cycle;
      }
      assertThat(attemptsAt).isEqualTo(expected).hasSizeGreaterThanOrEqualTo(4);
      assertThat(link.state()).isEqualTo("offline");
      assertThat(link.lastProblem()).isEqualTo("connection refused by the network");
    }
  }
}
