package dev.foresight.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.runtime.Allocation;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.bench.BenchRobot;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlLoopTest {

  /** Bytes this thread allocates running {@code ticks} ticks after a warm-up, stepped by hand (see {@link Allocation}). */
  private static long allocatedBy(ControlLoop loop, int ticks) {
    return allocatedBy(loop, 50_000, ticks);
  }

  private static long allocatedBy(ControlLoop loop, int warmup, int ticks) {
    long period = loop.periodNs();
    long[] t = {0};
    for (int i = 0; i < warmup; i++) loop.doWork(t[0] += period);   // warm up: JIT, escape analysis
    return Allocation.smallestOfThree(() -> {
      for (int i = 0; i < ticks; i++) loop.doWork(t[0] += period);
    });
  }

  @Test
  void steadyStateTickAllocatesNothingOnThePendulumDemo() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      robot.safety().arm("test");
      assertThat(allocatedBy(robot.loop(), 10_000)).as("bytes allocated by 10,000 ticks").isZero();
    }
  }

  /** The plan phase in both planner modes (the async planner thread runs meanwhile; its own allocations do not count). */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = BenchRobot.PlannerMode.class, names = {"INLINE", "ASYNC"})
  void steadyStateTickAllocatesNothingWithAPlanner(BenchRobot.PlannerMode mode) throws Exception {
    SteppedClock clock = new SteppedClock();
    try (Robot robot = BenchRobot.assemble(1000, mode, 0, -1, clock)) {
      robot.loop().plan().start();
      robot.safety().arm("test");
      long bytes = allocatedBy(robot.loop(), 20_000, 10_000);
      assertThat(bytes).as("bytes allocated by 10,000 ticks").isZero();
    }
  }

  @Test
  void steadyStateTickAllocatesNothingWithSimulatedDevicesTheSupervisorAndTaps() throws Exception {
    // The benchmark robot: encoder, current monitor and e-stop button, PID, e-stop input, envelope,
    // sensor health, fallback ready; plus a telemetry and a recording tap drained by another thread.
    try (Robot robot = BenchRobot.assemble(1000, new SteppedClock())) {
      TickQueue telemetry = robot.loop().addTap(Phase.PUBLISH, 64, 10);
      TickQueue recording = robot.loop().addTap(Phase.RECORD, 1024, 1);
      AtomicLong consumed = new AtomicLong();
      Thread consumer = Thread.ofPlatform().daemon(true).start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          if (telemetry.drain(f -> consumed.incrementAndGet(), 100) + recording.drain(f -> consumed.incrementAndGet(), 1000) == 0) {
            Thread.onSpinWait();
          }
        }
      });
      robot.safety().arm("test");
      long bytes = allocatedBy(robot.loop(), 10_000);
      consumer.interrupt();
      assertThat(bytes).as("bytes allocated by 10,000 ticks").isZero();
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(consumed.get()).isPositive();
    }
  }

  /**
   * MPPI on the shipped int8 ensemble with loop.planner_threads: 2, planning inline: the tick and the
   * rollout worker together allocate nothing (a smaller plan than the demo's, to warm up quickly).
   */
  @Test
  void steadyStateTickAllocatesNothingWithRolloutsOnTwoThreads(@TempDir Path dir) throws Exception {
    Path model = TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx");
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replace("rate_hz: 20 ", "rate_hz: 20\n  planner_threads: 2 ")
        .replace("../../models/pendulum/pendulum-int8.onnx", model.toString())
        .replace("samples: 256", "samples: 64").replace("horizon: 40", "horizon: 10");
    try (Robot robot = Robot.assemble(TestConfigs.write(dir, yaml), new SteppedClock())) {
      assertThat(robot.controller()).isInstanceOfSatisfying(SamplingPlanner.class,
          p -> assertThat(p.rollouts().description()).endsWith(" x 2 threads"));
      robot.safety().arm("test");
      long period = robot.loop().periodNs();
      long[] t = {0};
      for (int i = 0; i < 3_000; i++) robot.loop().doWork(t[0] += period);
      long bytes = Allocation.smallestOfThree(() -> {
        for (int i = 0; i < 1_000; i++) robot.loop().doWork(t[0] += period);
      }, "foresight-rollouts-");
      assertThat(bytes).as("bytes allocated by 1,000 ticks on the control thread and the rollout worker").isZero();
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }
}
