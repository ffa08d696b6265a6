package dev.foresight.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.Rig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.io.TestIo;
import dev.foresight.runtime.time.SystemClock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog on its own thread, in real time, against a loop whose driver hangs. */
class WatchdogThreadTest {

  @Test
  @FaultCell(fault = "watchdog_stall", reaction = "hung driver, real threads: outputs safe from the foresight-watchdog thread", ticks = "< 563 ms for 50 ms (real time, loaded machine)")
  void aHungDriverIsCaughtByTheWatchdogThreadWhichMakesTheOutputsSafe(@TempDir Path dir) throws Exception {
    LoadedConfig loaded = TestConfigs.write(dir, Rig.yaml("  watchdog_timeout_ms: 50\n"));
    TestIo io = new TestIo(List.of("pivot.angle", "estop_button.active"), 1);
    try (Robot robot = Robot.assemble(loaded, new SystemClock(), io)) {
      robot.safety().arm("test");
      robot.start(Long.MAX_VALUE);
      awaitMoving(io);
      CountDownLatch hang = new CountDownLatch(1);
      long hungAt = System.nanoTime();
      io.senseBlocks = hang;                 // the next sense never returns
      while (robot.safety().mode() != Mode.ESTOP && System.nanoTime() - hungAt < 5_000_000_000L) Thread.sleep(1);
      long tripMs = (System.nanoTime() - hungAt) / 1_000_000;

      assertThat(robot.safety().mode()).isEqualTo(Mode.ESTOP);
      assertThat(robot.safety().stopCause()).isEqualTo(Cause.WATCHDOG_STALL);
      assertThat(io.lastAction[0]).isZero();
      assertThat(io.lastSafeThread.getName()).isEqualTo("foresight-watchdog");
      // Timeout 50 ms from the last tick start, plus one check period (2.5 ms) and up to a period
      // before the hang; the margin is for a loaded CI machine.
      assertThat(tripMs).as("ms from the hang to the trip").isLessThan(50 + 3 + 10 + 500);
      io.senseBlocks = null;
      hang.countDown();
    }
  }

  @Test
  @FaultCell(fault = "actuator_expired", reaction = "stalled loop, real threads: the output safe at its 100 ms expiry, the 2 s loop watchdog later", ticks = "85..505 ms for 100 ms (real time)")
  void aStalledLoopsActuatorGoesSafeAtItsExpiryLongBeforeTheLoopWatchdog(@TempDir Path dir) throws Exception {
    // The loop watchdog waits 2 s; the actuator expires after the default 100 ms.
    LoadedConfig loaded = TestConfigs.write(dir, Rig.yaml("  watchdog_timeout_ms: 2000\n"));
    TestIo io = new TestIo(List.of("pivot.angle", "estop_button.active"), 1);
    try (Robot robot = Robot.assemble(loaded, new SystemClock(), io)) {
      robot.safety().arm("test");
      robot.start(Long.MAX_VALUE);
      awaitMoving(io);
      CountDownLatch hang = new CountDownLatch(1);
      long hungAt = System.nanoTime();
      io.senseBlocks = hang;                 // the loop stalls in its next sense
      while (io.actuatorSafeCalls.get() == 0 && System.nanoTime() - hungAt < 5_000_000_000L) Thread.sleep(1);
      long expiredMs = (System.nanoTime() - hungAt) / 1_000_000;

      assertThat(io.lastAction[0]).as("the output is safe").isZero();
      assertThat(io.lastActuatorSafeThread.getName()).isEqualTo("foresight-watchdog");
      assertThat(robot.safety().mode()).as("the loop watchdog (2 s) has not tripped yet").isEqualTo(Mode.ARMED);
      // 100 ms from the last write (at most a period, 10 ms, before the hang) plus one check (5 ms);
      // the margin is for a loaded CI machine, and stays far below the loop watchdog's 2 s.
      assertThat(expiredMs).as("ms from the stall to the expiry").isBetween(85L, 100 + 5 + 400L);
      assertThat(robot.safety().expiry().expiries()).isEqualTo(1);
      io.senseBlocks = null;
      hang.countDown();
    }
  }

  /** The loop's first ticks: a loaded machine can take longer than 200 ms to schedule them. */
  private static void awaitMoving(TestIo io) throws InterruptedException {
    long started = System.nanoTime();
    while (io.lastAction[0] != 2.0 && System.nanoTime() - started < 10_000_000_000L) Thread.sleep(5);
    assertThat(io.lastAction[0]).as("moving").isEqualTo(2.0);
  }
}
