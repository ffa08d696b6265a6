package dev.foresight.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.sun.management.ThreadMXBean;
import dev.foresight.config.Angles;
import dev.foresight.runtime.loop.ControlLoop;
import java.lang.management.ManagementFactory;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import org.junit.jupiter.api.Test;

class DeviceIoTest {

  @Test
  void referencePendulumSwingsUpThroughTheEmulatedRegistersAndDrivers() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-sim.yaml"), new SteppedClock())) {
      assertThat(robot.io()).isInstanceOf(EmulatedIo.class);
      EmulatedIo io = (EmulatedIo) robot.io();
      assertThat(io.rawNames()).containsExactly("pivot.angle", "supply.bus_voltage", "supply.current", "supply.power",
          "estop_button.active");
      robot.safety().arm("test");
      double[] s = new double[2];
      double worstLast2s = 0;
      int upright = -1;
      for (int tick = 1; tick <= 400; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        io.hardware().plant().state(s);
        if (upright < 0 && Math.abs(Angles.wrap(s[0])) < 0.1) upright = tick;
        if (tick > 360) worstLast2s = Math.max(worstLast2s, Math.abs(Angles.wrap(s[0])));
      }
      assertThat(upright).as("first tick within 0.1 rad of upright").isBetween(40, 120);
      assertThat(worstLast2s).as("largest |angle| from upright over the last 2 s").isLessThan(0.05);
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }

  @Test
  void steadyStateTicksThroughTheDriversAllocateNothing() throws Exception {
    try (Robot robot = Robot.assemble(TestConfigs.example("pendulum-sim.yaml"), new SteppedClock())) {
      robot.safety().arm("test");
      ControlLoop loop = robot.loop();
      long period = robot.runner().periodNs();
      long[] t = {0};
      // Warm up through the swing-up and into balance: the JIT compiles paths as the pendulum first
      // takes them, and tiered compilation spends a few bytes while it settles (docs/benchmarks.md).
      for (int w = 0; w < 100; w++) window(loop, period, t, 1_000);
      // Steady state: a 10,000-tick window with no allocation at all. On a loaded machine the JIT's
      // compile queue lags, and a window can still meet a late recompilation; code that allocates on
      // every tick allocates in every window, so up to ten windows are measured.
      long[] windows = new long[10];
      for (int w = 0; w < windows.length; w++) {
        windows[w] = window(loop, period, t, 10_000);
        if (windows[w] == 0) break;
      }
      assertThat(windows).as("bytes allocated by 10,000-tick windows of the loop on pendulum-sim").contains(0L);
    }
  }

  private static long window(ControlLoop loop, long period, long[] t, int ticks) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long calibrate = threads.getThreadAllocatedBytes(id);
    long overhead = threads.getThreadAllocatedBytes(id) - calibrate;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < ticks; i++) loop.doWork(t[0] += period);
    return threads.getThreadAllocatedBytes(id) - before - overhead;
  }

  @Test
  void theRaspberryPiGetsPi4jsLinuxI2cAndGpiodProviders() {
    assertThat(Pi4jContexts.raspberryPiProviders()).satisfiesExactly(
        p -> assertThat(p).isInstanceOf(LinuxFsI2CProvider.class),
        p -> assertThat(p).isInstanceOf(GpioDDigitalInputProvider.class),
        p -> assertThat(p).isInstanceOf(GpioDDigitalOutputProvider.class));
  }
}
