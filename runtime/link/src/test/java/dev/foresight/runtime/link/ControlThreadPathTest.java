package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.loop.ControlLoop;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the link costs the control thread: no allocation, no waiting, e-stop within one tick. */
class ControlThreadPathTest {

  @TempDir Path dir;

  @Test
  void ticksWithTelemetryAtTheLoopRateAllocateNothing() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir, "")) {
      // Telemetry at the full loop rate (20 Hz of 20 Hz): every tick takes a sample.
      var cfg = LinkFixtures.config(dir, "pendulum-gym.yaml", "t-alloc", "  rate_hz: 20\n");
      try (Robot robot = Robot.assemble(cfg, new SteppedClock());
          OperatorLink link = OperatorLink.attach(robot, LinkSettings.resolve(cfg, broker.url(), Map.of()), "test")) {
        link.start();
        LinkFixtures.eventually(10_000, "the link is online", () -> link.state().equals("online"));
        robot.safety().arm("test");
        ControlLoop loop = robot.loop();
        long period = robot.runner().periodNs();
        long t = 0;
        for (int i = 0; i < 50_000; i++) loop.doWork(t += period);   // warm up: JIT, escape analysis

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        long calibrate = threads.getThreadAllocatedBytes(threadId);
        long overhead = threads.getThreadAllocatedBytes(threadId) - calibrate;
        while (link.tap().pending() > 0) Thread.onSpinWait();
        Thread.sleep(200);   // the warm-up's last samples leave the network thread
        // As in Allocation.smallestOfThree: the JIT may still recompile a method after the warm-up and
        // rematerialize a few bytes once, so each phase is measured in up to three windows and the
        // smallest count must be zero. A tick that allocates allocates in every window.
        long paced = Long.MAX_VALUE;
        for (int window = 0; window < 3 && paced > 0; window++) {
          long sentBefore = link.telemetrySent();
          long droppedBefore = link.telemetryDropped();
          long allocated = 0;
          // 1) Samples handed over: ticks in chunks that fit the ring, waiting (outside the
          //    measurement) for the network thread to drain it, so every sample is published.
          for (int chunk = 0; chunk < 40; chunk++) {
            while (link.tap().pending() > 0) Thread.onSpinWait();
            long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < 200; i++) loop.doWork(t += period);
            allocated += threads.getThreadAllocatedBytes(threadId) - before - overhead;
          }
          assertThat(link.telemetryDropped()).as("no sample dropped while paced").isEqualTo(droppedBefore);
          LinkFixtures.eventually(10_000, "8,000 samples published", () -> link.telemetrySent() - sentBefore >= 8_000);
          assertThat(link.telemetrySent() - sentBefore).isEqualTo(8_000);
          paced = Math.min(paced, allocated);
        }
        // 2) Samples dropped: a burst far faster than any network, so the ring is full.
        long burst = Long.MAX_VALUE;
        for (int window = 0; window < 3 && burst > 0; window++) {
          long droppedBefore = link.telemetryDropped();
          long before = threads.getThreadAllocatedBytes(threadId);
          for (int i = 0; i < 10_000; i++) loop.doWork(t += period);
          burst = Math.min(burst, threads.getThreadAllocatedBytes(threadId) - before - overhead);
          assertThat(link.telemetryDropped()).as("the burst overflowed the ring").isGreaterThan(droppedBefore);
        }

        assertThat(paced).as("bytes allocated by 8,000 ticks with every sample published").isZero();
        assertThat(burst).as("bytes allocated by 10,000 ticks dropping samples").isZero();
      }
    }
  }

  @Test
  void anEstopMessageHoldsTheOutputsSafeFromTheNextTick() throws Exception {
    var loaded = TestConfigs.example("pendulum-gym.yaml");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock(1_800_000_000_000L))) {
      robot.safety().arm("test");
      SpscRing<CommandIntake.Slot> inbox = new SpscRing<>(4, CommandIntake.Slot::new);
      Acks acks = new Acks();
      CommandIntake intake = new CommandIntake("pendulum-gym", new CommandDecoder(loaded.config(), robot.controller()),
          robot.safety(), robot.clock(), inbox, () -> true, new EventQueue(8), acks);
      long period = robot.runner().periodNs();
      TickFrame view = robot.loop().newFrame();
      robot.loop().doWork(period);
      robot.loop().snapshot().read(view);
      assertThat(view.applied[0]).as("pumping").isNotZero();

      // Expired and without a valid id: an e-stop acts anyway, and says what was wrong.
      intake.onMessage(new MqttTransport.Message("foresight/pendulum-gym/cmd/estop",
          "{\"id\":\"e\",\"expires_at\":1}".getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty()));
      robot.loop().doWork(2 * period);
      robot.loop().snapshot().read(view);

      assertThat(view.mode).isEqualTo(Mode.ESTOP);
      assertThat(view.applied[0]).isZero();
      Acks.Ack ack = acks.poll();
      assertThat(ack.status()).isEqualTo("accepted");
      assertThat(ack.reason()).startsWith("acted on despite: expired ");
      assertThat(ack.reply().topic()).isEqualTo("foresight/pendulum-gym/cmd/ack");
      assertThat(inbox.size()).as("e-stop does not wait in the queue").isZero();
    }
  }

  @Test
  void aFullCommandQueueRejectsInsteadOfWaiting() throws Exception {
    var loaded = TestConfigs.example("pendulum-gym.yaml");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock(1_800_000_000_000L))) {
      SpscRing<CommandIntake.Slot> inbox = new SpscRing<>(2, CommandIntake.Slot::new);
      Acks acks = new Acks();
      CommandIntake intake = new CommandIntake("pendulum-gym", new CommandDecoder(loaded.config(), robot.controller()),
          robot.safety(), robot.clock(), inbox, () -> true, new EventQueue(8), acks);
      for (int i = 0; i < 3; i++) {
        intake.onMessage(new MqttTransport.Message("foresight/pendulum-gym/cmd/arm",
            ("{\"id\":\"a" + i + "\",\"expires_at\":1800000009000}").getBytes(StandardCharsets.UTF_8), Optional.empty(),
            Optional.empty()));
      }
      assertThat(inbox.size()).isEqualTo(2);
      Acks.Ack ack = acks.poll();
      assertThat(ack.id()).isEqualTo("a2");
      assertThat(ack.reason()).isEqualTo("command queue is full (2 waiting); try again");
    }
  }
}
