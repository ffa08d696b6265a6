package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.handoff.SpscRing;
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
      SpscRing<CommandSlot> inbox = new SpscRing<>(4, CommandSlot::new);
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
      SpscRing<CommandSlot> inbox = new SpscRing<>(2, CommandSlot::new);
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

  /**
   * Commands reach the control thread as records decoded on the MQTT thread, by reference in
   * preallocated ring slots, and their outcomes go back in preallocated slots: executing them
   * (arm, setpoint, mode, disarm, a rejected reset) allocates nothing on the control thread.
   */
  @Test
  void executingCommandsOnTheControlThreadAllocatesNothing() throws Exception {
    var loaded = TestConfigs.example("cartpole-sim.yaml");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock(1_800_000_000_000L))) {
      SpscRing<CommandSlot> inbox = new SpscRing<>(16, CommandSlot::new);
      SpscRing<CommandSlot> done = new SpscRing<>(16, CommandSlot::new);
      CommandExecutor executor = new CommandExecutor(robot.safety(), robot.controller(), robot.loop().adjustments(), inbox,
        done);
      Command.Reply reply = new Command.Reply("foresight/cartpole-sim/cmd/ack", null);
      long at = 1_800_000_009_000L;
      Command[] script = {new Command.Arm("a", at, reply), new Command.Setpoint("s", at, new int[] {0}, new double[] {0.5},
          reply), new Command.SetMode("m", at, Mode.DISARMED, reply), new Command.SetMode("n", at, Mode.ARMED, reply),
          new Command.Setpoint("t", at, new int[] {0}, new double[] {0.0}, reply), new Command.Disarm("d", at, reply),
          new Command.Reset("r", at, reply)};
      boolean[] accepted = new boolean[script.length];
      Runnable rounds = () -> {
        for (int round = 0; round < 2_000; round++) {
          for (Command c : script) {
            CommandSlot slot = inbox.claim();
            slot.command = c;
            inbox.publish();
          }
          executor.beforeTick(0);
          executor.beforeTick(0);
          for (int i = 0; i < script.length; i++) {
            CommandSlot out = done.peek();
            accepted[i] = out.command == script[i] && out.accepted;
            out.clear();
            done.release();
          }
        }
      };
      for (int i = 0; i < 10; i++) rounds.run();   // warm up
      assertThat(accepted).containsExactly(true, true, true, true, true, true, false);

      assertThat(dev.foresight.runtime.Allocation.smallestOfThree(rounds)).as("bytes for 14,000 commands").isZero();
      assertThat(robot.safety().mode()).isEqualTo(Mode.DISARMED);
    }
  }
}
