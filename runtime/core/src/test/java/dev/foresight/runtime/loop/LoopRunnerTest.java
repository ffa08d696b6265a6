package dev.foresight.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Rig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopRunnerTest {

  @Test
  void runsExactlyOneTickPerPeriodForTheDuration() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      robot.start(2_000_000_000L);   // 2 s at 20 Hz
      assertThat(robot.runner().awaitStop(10_000)).isTrue();
      assertThat(robot.loop().metrics().ticks()).isEqualTo(40);
      assertThat(robot.loop().metrics().overruns()).isZero();
      assertThat(robot.loop().metrics().snapshot().periodErrorUs().max()).isZero();
    }
  }

  @Test
  void anOverrunSkipsToTheNextDeadlineWithoutDriftAndIsReportedOncePerBurstNamingThePhase(@TempDir Path dir)
      throws Exception {
    try (Rig rig = Rig.of(dir, "")) {
      // 100 Hz. Sense calls 10, 11 and 12 take 25 ms each: each ends 15 ms past the next deadline,
      // which skips 2 deadlines; the next tick starts on the 10 ms grid again.
      rig.io.senseTakesByCall = call -> call >= 10 && call <= 12 ? 25_000_000L : 0;
      TickQueue ticks = rig.robot.loop().addTap(Phase.RECORD, 4096, 1);
      var events = rig.robot.events().subscribe();
      rig.robot.start(3_000_000_000L);
      assertThat(rig.robot.runner().awaitStop(10_000)).isTrue();

      MetricsSnapshot m = rig.robot.loop().metrics().snapshot();
      assertThat(m.overruns()).isEqualTo(3);
      assertThat(m.skippedPeriods()).isEqualTo(6);
      assertThat(m.ticks()).isEqualTo(300 - 6);
      List<Long> starts = new ArrayList<>();
      ticks.drain(f -> starts.add(f.nowNs), 10_000);
      long first = starts.getFirst();
      assertThat(starts).as("every tick on the grid of the first: no drift").allMatch(t -> (t - first) % 10_000_000L == 0);
      assertThat(starts.get(starts.size() - 1) - first).isEqualTo((300 - 1) * 10_000_000L);

      List<Event> overruns = new ArrayList<>();
      events.poll(e -> {
        if (e.kind() == EventKind.OVERRUN) overruns.add(e);
      }, 1000);
      assertThat(overruns).singleElement().satisfies(e -> {
        assertThat(e.count()).isEqualTo(3);
        assertThat(e.subject()).isEqualTo("sense");
        assertThat(e.message()).isEqualTo("loop overran 3 times; slowest phase sense took 25.00 ms of a 10.00 ms period");
      });
    }
  }

  @Test
  void stopEndsTheThreadAndLeavesItStopped() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"))) {   // real time
      robot.start(Long.MAX_VALUE);
      Thread.sleep(200);
      robot.runner().stop();
      assertThat(robot.runner().running()).isFalse();
      long ticks = robot.loop().metrics().ticks();
      assertThat(ticks).isBetween(1L, 10L);
      Thread.sleep(150);
      assertThat(robot.loop().metrics().ticks()).isEqualTo(ticks);
    }
  }
}
