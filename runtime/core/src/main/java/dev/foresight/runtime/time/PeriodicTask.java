package dev.foresight.runtime.time;

import java.util.concurrent.locks.LockSupport;

/**
 * A background thread that runs a small piece of work every {@code periodNs} of real time, for
 * supervision and housekeeping next to the control loop (the watchdog, the event pump). The work
 * reads its own notion of time (usually the loop's {@link Clock}); only the wake-ups are real time,
 * so a watchdog on a stepped clock still checks regularly. Exceptions from the work are caught and
 * handed to {@code onError}; the thread keeps running.
 *
 * <pre>{@code
 * PeriodicTask watchdog = PeriodicTask.start("foresight-watchdog", Thread.MAX_PRIORITY, 5_000_000L,
 *     () -> check(clock.nanoTime()), e -> LOG.error("watchdog check failed", e));
 * ...
 * watchdog.close();
 * }</pre>
 */
public final class PeriodicTask implements AutoCloseable {

  private final Thread thread;
  private volatile boolean running = true;

  private PeriodicTask(String name, int priority, long periodNs, Runnable onStart, Runnable work,
      java.util.function.Consumer<RuntimeException> onError) {
    thread = Thread.ofPlatform().name(name).daemon(true).priority(priority).unstarted(() -> {
      onStart.run();
      long next = System.nanoTime();
      while (running) {
        try {
          work.run();
        } catch (RuntimeException e) {
          onError.accept(e);
        }
        next += periodNs;
        long now = System.nanoTime();
        if (next < now) next = now;   // after a long stall, resume the cadence from now
        LockSupport.parkNanos(this, next - now);
        if (Thread.interrupted() && !running) break;
      }
    });
    thread.start();
  }

  /**
   * Starts a daemon thread running {@code work} every {@code periodNs}.
   *
   * @param name     thread name
   * @param priority Java thread priority (a hint; see docs/performance.md)
   * @param periodNs period between the starts of two runs
   * @param work     the work; should be short
   * @param onError  gets exceptions thrown by the work
   */
  public static PeriodicTask start(String name, int priority, long periodNs, Runnable work,
      java.util.function.Consumer<RuntimeException> onError) {
    return new PeriodicTask(name, priority, periodNs, () -> { }, work, onError);
  }

  /** As {@link #start(String, int, long, Runnable, java.util.function.Consumer)}, running {@code onStart} first on the new thread. */
  public static PeriodicTask start(String name, int priority, long periodNs, Runnable onStart, Runnable work,
      java.util.function.Consumer<RuntimeException> onError) {
    return new PeriodicTask(name, priority, periodNs, onStart, work, onError);
  }

  /** Whether the thread is still running. */
  public boolean alive() {
    return thread.isAlive();
  }

  /** Stops the thread and waits up to a second for it. Idempotent. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
