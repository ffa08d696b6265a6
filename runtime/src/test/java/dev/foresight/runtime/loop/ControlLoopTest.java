package dev.foresight.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.estimate.Estimator;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.time.SteppedClock;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ControlLoopTest {

  @Test
  void steadyStateTickAllocatesNothing() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-gym.yaml"), new SteppedClock())) {
      robot.safety().arm();
      ControlLoop loop = robot.loop();
      long period = robot.runner().periodNs();
      long t = 0;
      for (int i = 0; i < 50_000; i++) loop.doWork(t += period);   // warm up: JIT, escape analysis

      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      long threadId = Thread.currentThread().threadId();
      // What reading the counter itself costs, measured the same way, is subtracted.
      long calibrate = threads.getThreadAllocatedBytes(threadId);
      long overhead = threads.getThreadAllocatedBytes(threadId) - calibrate;
      long before = threads.getThreadAllocatedBytes(threadId);
      for (int i = 0; i < 10_000; i++) loop.doWork(t += period);
      long allocated = threads.getThreadAllocatedBytes(threadId) - before - overhead;

      assertThat(allocated).as("bytes allocated by 10,000 ticks").isZero();
    }
  }

  @Test
  void aThrowingControllerLatchesASafeStopAndTheLoopKeepsTicking() throws Exception {
    var loaded = TestConfigs.example("pendulum-gym.yaml");
    try (Robot robot = Robot.assemble(loaded, new SteppedClock())) {
      Controller failing = new Controller() {
        int calls;

        @Override
        public void compute(double[] state, double[] action) {
          if (++calls == 3) throw new IllegalStateException("boom");
          action[0] = 1.5;
        }

        @Override
        public String name() {
          return "failing";
        }
      };
      SafetySupervisor safety = new SafetySupervisor(loaded.config());
      ControlLoop loop = new ControlLoop(robot.io(), new Estimator(loaded.config(), robot.io().rawNames()), failing,
          safety, 2, 1);
      safety.arm();
      LoopSnapshot.View view = new LoopSnapshot.View(2, 1);

      loop.doWork(50_000_000L);
      loop.snapshot().read(view);
      assertThat(view.action[0]).isEqualTo(1.5);

      loop.doWork(100_000_000L);
      loop.doWork(150_000_000L);   // the controller throws in this tick
      loop.doWork(200_000_000L);
      loop.snapshot().read(view);

      assertThat(safety.mode()).isEqualTo(Mode.SAFE_STOP);
      assertThat(safety.reason()).contains("tick 3 failed", "boom");
      assertThat(view.action[0]).isEqualTo(0.0);
      assertThat(view.tick).isEqualTo(4);
      assertThat(loop.stats().faults()).isEqualTo(1);
    }
  }
}
