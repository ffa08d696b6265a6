package dev.foresight.runtime;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates (HotSpot's per-thread counter). The JIT may still
 * deoptimize and recompile a method shortly after a warm-up, which can rematerialize a few hundred
 * bytes once; so the work is measured in up to three consecutive windows and the smallest count is
 * returned. Code that allocates on every run allocates in every window.
 */
public final class Allocation {

  private Allocation() {}

  /** The smallest number of bytes {@code work} allocated on this thread in up to three runs. */
  public static long smallestOfThree(Runnable work) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    // What reading the counter itself costs, measured the same way, is subtracted.
    long calibrate = threads.getThreadAllocatedBytes(id);
    long overhead = threads.getThreadAllocatedBytes(id) - calibrate;
    long smallest = Long.MAX_VALUE;
    for (int window = 0; window < 3 && smallest > 0; window++) {
      long before = threads.getThreadAllocatedBytes(id);
      work.run();
      smallest = Math.min(smallest, threads.getThreadAllocatedBytes(id) - before - overhead);
    }
    return smallest;
  }
}
