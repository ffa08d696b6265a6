package dev.foresight.models;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/** Counts the heap bytes this thread allocates while running some code (as ControlLoopTest does). */
public final class Allocations {

  private Allocations() {}

  /**
   * Bytes allocated by {@code times} runs of {@code work} once warm: the least over up to five
   * windows, because until the JIT has compiled the path, interpreted code allocates what compiled
   * code keeps in registers. A path that allocates every run allocates in every window.
   */
  public static long steadyState(int times, Runnable work) {
    long least = Long.MAX_VALUE;
    for (int window = 0; window < 5 && least > 0; window++) least = Math.min(least, bytes(times, work));
    return least;
  }

  /** Bytes allocated by {@code times} runs of {@code work}, less the cost of reading the counter. */
  public static long bytes(int times, Runnable work) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long calibrate = threads.getThreadAllocatedBytes(id);
    long overhead = threads.getThreadAllocatedBytes(id) - calibrate;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < times; i++) work.run();
    return threads.getThreadAllocatedBytes(id) - before - overhead;
  }
}
