package dev.foresight.runtime.loop;

import dev.foresight.runtime.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the control thread and paces {@link ControlLoop#doWork} at a fixed rate with deadlines
 * computed from the start time (no drift). After an overrun it skips to the next future deadline
 * rather than bursting to catch up, and counts what it skipped.
 */
public final class LoopRunner {

  private static final Logger LOG = LoggerFactory.getLogger(LoopRunner.class);

  private final ControlLoop loop;
  private final Clock clock;
  private final long periodNs;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;
  private volatile long stopAtNs = Long.MAX_VALUE;
  private Thread thread;

  /**
   * @param loop     the work
   * @param clock    real or stepped time
   * @param periodNs tick period
   */
  public LoopRunner(ControlLoop loop, Clock clock, long periodNs) {
    this.loop = loop;
    this.clock = clock;
    this.periodNs = periodNs;
  }

  /** Starts the control thread; it runs until {@link #stop()} or until {@code durationNs} of clock time. */
  public synchronized void start(long durationNs) {
    if (thread != null) throw new IllegalStateException("already started");
    running = true;
    long start = clock.nanoTime();
    stopAtNs = durationNs == Long.MAX_VALUE ? Long.MAX_VALUE : start + durationNs;
    thread = Thread.ofPlatform().name("foresight-loop").daemon(false).unstarted(() -> run(start));
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
  }

  private void run(long start) {
    try {
      long deadline = start;
      while (running) {
        clock.sleepUntil(deadline);
        long now = clock.nanoTime();
        if (now >= stopAtNs) break;
        loop.doWork(now);
        long end = clock.nanoTime();
        loop.stats().recordTick(now - deadline, end - now);
        deadline += periodNs;
        if (end > deadline) {
          long skipped = (end - deadline) / periodNs + 1;
          deadline += skipped * periodNs;
          loop.stats().recordOverrun(skipped);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      LOG.error("control thread failed; outputs go to their safe state", t);
    } finally {
      loop.io().safe();
      running = false;
      stopped.countDown();
    }
  }

  /** Asks the control thread to stop after its current tick and waits until outputs are safe. */
  public void stop() throws InterruptedException {
    running = false;
    awaitStop(Long.MAX_VALUE);
  }

  /** Waits up to {@code timeoutMs} for the control thread to end; returns whether it did. */
  public boolean awaitStop(long timeoutMs) throws InterruptedException {
    synchronized (this) {
      if (thread == null) return true;
    }
    return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Whether the control thread is running. */
  public boolean running() {
    return running;
  }

  /** The loop period, ns. */
  public long periodNs() {
    return periodNs;
  }
}
