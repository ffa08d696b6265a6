package dev.foresight.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.runtime.Allocation;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model.planning_member on the shipped int8 ensemble: the planner imagines with one member while
 * the trust stage's one-step prediction still runs all five (spread > 0), and a tick allocates nothing.
 */
class PlanningMemberTest {

  @TempDir
  Path dir;

  /** The demo config on one member, with a smaller plan than the demo's so it warms up quickly. */
  private Robot robot() throws Exception {
    Path model = TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx");
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replaceAll("(?m)^  planning_member: .*\n", "")
        .replace("file: ../../models/pendulum/pendulum-int8.onnx", "file: " + model + "\n  planning_member: 3")
        .replace("samples: 256", "samples: 64").replace("horizon: 40", "horizon: 10");
    return Robot.assemble(TestConfigs.write(dir, yaml), new SteppedClock());
  }

  @Test
  void thePlannerRunsOneMemberWhileTheTrustStageSeesAllFiveDisagree() throws Exception {
    try (Robot robot = robot()) {
      assertThat(robot.controller()).isInstanceOfSatisfying(SamplingPlanner.class,
          p -> assertThat(p.rollouts().description()).isEqualTo("fused onnx (cpu) on member 3"));
      assertThat(robot.loop().trust().members()).isEqualTo(5);
      TickQueue tap = robot.loop().addTap(Phase.PUBLISH, 256, 1);
      robot.safety().arm("test");
      long period = robot.loop().periodNs();
      for (int i = 1; i <= 60; i++) robot.loop().doWork(i * period);
      AtomicInteger predicted = new AtomicInteger();
      AtomicInteger spread = new AtomicInteger();
      tap.drain(f -> {
        if (!f.predictionValid) return;
        predicted.incrementAndGet();
        if (f.spread[0] > 0 && f.spread[1] > 0) spread.incrementAndGet();
      }, 256);
      assertThat(predicted.get()).as("ticks with a one-step prediction").isGreaterThan(50);
      assertThat(spread.get()).as("of them, ticks where the five members disagree").isEqualTo(predicted.get());
    }
  }

  @Test
  void aTickPlanningOnOneMemberAndPredictingWithAllAllocatesNothing() throws Exception {
    try (Robot robot = robot()) {
      robot.safety().arm("test");
      long period = robot.loop().periodNs();
      long[] t = {0};
      for (int i = 0; i < 3_000; i++) robot.loop().doWork(t[0] += period);
      long bytes = Allocation.smallestOfThree(() -> {
        for (int i = 0; i < 1_000; i++) robot.loop().doWork(t[0] += period);
      });
      assertThat(bytes).as("bytes allocated by 1,000 ticks").isZero();
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }
}
