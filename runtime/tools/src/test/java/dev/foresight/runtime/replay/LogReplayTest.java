package dev.foresight.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.loop.ControlLoop;
import dev.foresight.runtime.plan.PlannerAssembly;
import dev.foresight.runtime.record.LiveRecording;
import dev.foresight.runtime.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded runs replayed through the same code: bit for bit with their own config, different with another. */
class LogReplayTest {

  /** A loop clock the test sets; the planner's clock below moves it past the deadline on "slow" ticks. */
  static final class TestClock implements Clock {
    long t;

    @Override
    public long nanoTime() {
      return t;
    }

    @Override
    public long epochMillis() {
      return 1_700_000_000_000L + t / 1_000_000L;
    }

    @Override
    public void sleepUntil(long deadlineNs) {}
  }

  /**
   * The planner's clock in the recorded run: like a loaded machine, some ticks run out of budget
   * after one iteration (every 5th, late as well), some before any (every 11th), the rest get both
   * configured iterations.
   */
  static final class LoadedMachine implements LongSupplier {
    final TestClock clock;
    final long budgetNs;
    long tick;
    long deadline;
    int reads;

    LoadedMachine(TestClock clock, long budgetNs) {
      this.clock = clock;
      this.budgetNs = budgetNs;
    }

    void tick(long n, long nowNs) {
      tick = n;
      deadline = nowNs + budgetNs;
      reads = 0;
    }

    @Override
    public long getAsLong() {
      int read = reads++;
      if (tick % 11 == 0) return deadline + 1;             // out of time before the first iteration
      if (tick % 5 == 0 && read == 1) {
        clock.t = deadline + 1;                          // the plan phase ends after its deadline: late
        return clock.t;
      }
      if (tick % 3 == 0 && read == 1) return deadline;     // one iteration, just in time
      return clock.t;
    }
  }

  static LoadedConfig mppi(Path dir) throws Exception {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-mppi.yaml"))
        .replace("samples: 256", "samples: 32").replace("horizon: 40", "horizon: 10")
        .replace("safety:\n", "recording:\n  enabled: true\nsafety:\n");
    return TestConfigs.write(dir, yaml);
  }

  @Test
  void anMppiRunOnALoadedMachineReplaysBitForBitWithItsRecordedIterationsAndLateness(@TempDir Path dir)
      throws Exception {
    LoadedConfig loaded = mppi(dir);
    Path file = dir.resolve("run.mcap");
    TestClock clock = new TestClock();
    LoadedMachine machine = new LoadedMachine(clock, loaded.config().loop().planBudgetNs());
    Controller planner = PlannerAssembly.controller(loaded, machine);
    try (Robot robot = Robot.assembleWith(loaded, clock, planner); AutoCloseable p = (AutoCloseable) planner) {
      LiveRecording.start(robot, file, "test");
      robot.safety().arm("test");
      ControlLoop loop = robot.loop();
      long period = loop.periodNs();
      for (int i = 1; i <= 120; i++) {
        clock.t = i * period;
        machine.tick(i, clock.t);
        loop.doWork(clock.t);
      }
    }
    RecordedRun recorded = RecordedRun.read(file);
    assertThat(recorded.size()).isEqualTo(120);
    assertThat(Arrays.stream(recorded.iterations()).distinct().sorted().toArray()).containsExactly(0, 1, 2);
    assertThat(recorded.late()[4]).as("tick 5 was late").isTrue();
    assertThat(recorded.late()[2]).as("tick 3 was in time").isFalse();

    Path out = dir.resolve("replay.mcap");
    LogReplay.Result r = LogReplay.run(recorded, recorded.config(), true, Optional.of(out), "test");
    assertThat(r.ticks()).isEqualTo(120);
    assertThat(r.maxActionDiff()).containsEntry("torque", 0.0);
    assertThat(r.firstDiffTick()).isEqualTo(-1);
    assertThat(r.forcedModes()).as("armed before tick 1").isEqualTo(1);

    // The new recording is a recording like any other, with the same actions.
    RecordedRun again = RecordedRun.read(out);
    assertThat(again.applied()).isEqualTo(recorded.applied());
    assertThat(again.iterations()).isEqualTo(recorded.iterations());

    // Without the recorded iterations (a counterfactual plans with all of them) the actions differ:
    // the script is what makes the check pass.
    LogReplay.Result unscripted = LogReplay.run(recorded, recorded.config(), false, Optional.empty(), "test");
    assertThat(unscripted.maxActionDiff().get("torque")).isGreaterThan(0.0);
    assertThat(unscripted.firstDiffTick()).isEqualTo(3);
  }

  @Test
  void operatorCommandsReplayAtTheTickTheyTookEffect(@TempDir Path dir) throws Exception {
    LoadedConfig loaded = TestConfigs.write(dir, Files.readString(TestConfigs.ROOT.resolve(
        "config/examples/pendulum-gym.yaml")).replace("safety:\n", "recording:\n  enabled: true\nsafety:\n"));
    Path file = dir.resolve("run.mcap");
    try (Robot robot = Robot.assemble(loaded, new TestClock())) {
      LiveRecording.start(robot, file, "test");
      ControlLoop loop = robot.loop();
      var swingUp = (dev.foresight.models.control.Adjustable) robot.controller();
      long[] tick = {0};
      // What the command executor does on these ticks, by hand: arm, change a parameter, e-stop from
      // another thread (it lands mid-run, seen at the next tick's start), reset and arm again.
      loop.hook(nowNs -> {
        tick[0]++;
        if (tick[0] == 2 || tick[0] == 61) robot.safety().arm("mqtt");
        if (tick[0] == 30) {
          swingUp.parameter(0, 0.5);
          loop.adjustments().parameter(0, 0.5);
        }
        if (tick[0] == 60 && robot.safety().reset("mqtt")) robot.controller().reset();
      });
      long period = loop.periodNs();
      for (int i = 1; i <= 100; i++) {
        if (i == 45) robot.safety().estop("mqtt", "operator");
        loop.doWork(i * period);
      }
    }
    RecordedRun recorded = RecordedRun.read(file);
    assertThat(recorded.changes()).containsKey(30L);
    LogReplay.Result r = LogReplay.run(recorded, recorded.config(), true, Optional.empty(), "test");
    assertThat(r.maxActionDiff()).containsEntry("torque", 0.0);
    assertThat(r.firstDiffTick()).isEqualTo(-1);
    assertThat(r.forcedModes()).as("arm, e-stop, reset, arm").isEqualTo(4);
    assertThat(recorded.applied()[50]).as("outputs safe during the e-stop").isEqualTo(0.0);
  }
}
