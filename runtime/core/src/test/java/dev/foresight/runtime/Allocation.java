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

  /**
   * The smallest number of bytes {@code work} allocated in up to three runs on this thread and on
   * every live thread whose name starts with {@code threadPrefix} (e.g. a planner's rollout workers,
   * which work for this thread while it waits).
   */
  public static long smallestOfThree(Runnable work, String threadPrefix) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t == Thread.currentThread() || t.getName().startsWith(threadPrefix))
        .mapToLong(Thread::threadId).toArray();
    if (ids.length < 2) throw new IllegalStateException("no live thread is named " + threadPrefix + "*");
    long calibrate = total(threads, ids);
    long overhead = total(threads, ids) - calibrate;
    long smallest = Long.MAX_VALUE;
    for (int window = 0; window < 3 && smallest > 0; window++) {
      long start = total(threads, ids);
      work.run();
      smallest = Math.min(smallest, total(threads, ids) - start - overhead);
    }
    return smallest;
  }

  private static long total(ThreadMXBean threads, long[] ids) {
    long sum = 0;
    for (int i = 0; i < ids.length; i++) sum += threads.getThreadAllocatedBytes(ids[i]);
    return sum;
  }
}
