package dev.foresight.runtime.loop;

import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.ThreadScheduling;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the control thread ({@code foresight-loop}, a platform thread at maximum Java priority) and
 * paces {@link ControlLoop#doWork(long, long)} at a fixed rate: deadlines are {@code start + k *
 * period}, so errors never accumulate (no drift). A tick that runs past the next deadline is an
 * overrun: the runner skips to the next deadline still ahead rather than bursting to catch up, and
 * counts the deadlines it skipped; the watchdog reads how many were missed in a row.
 */
public final class LoopRunner {

  private static final Logger LOG = LoggerFactory.getLogger(LoopRunner.class);

  private final ControlLoop loop;
  private final Clock clock;
  private final long periodNs;
  private final OverrunReporter overruns;
  private final int fifoPriority;
  private final int cpu;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean supervised;
  private volatile boolean alive;
  private volatile long stopAtNs = Long.MAX_VALUE;
  private volatile long missedInARow;
  private volatile String scheduling = "not started";
  private Thread thread;

  /**
   * @param loop     the work
   * @param clock    real or stepped time
   * @param periodNs tick period
   * @param events   where overrun bursts are reported
   */
  public LoopRunner(ControlLoop loop, Clock clock, long periodNs, EventLog events) {
    this(loop, clock, periodNs, events, 0, -1);
  }

  /**
   * @param loop         the work
   * @param clock        real or stepped time
   * @param periodNs     tick period
   * @param events       where overrun bursts are reported
   * @param fifoPriority Linux SCHED_FIFO priority for the control thread, 0 for normal scheduling
   * @param cpu          CPU to pin the control thread to, -1 for any
   */
  public LoopRunner(ControlLoop loop, Clock clock, long periodNs, EventLog events, int fifoPriority, int cpu) {
    this.loop = loop;
    this.clock = clock;
    this.periodNs = periodNs;
    this.overruns = new OverrunReporter(events, periodNs);
    this.fifoPriority = fifoPriority;
    this.cpu = cpu;
  }

  /** Starts the control thread; it runs until {@link #stop()} or until {@code durationNs} of clock time. */
  public synchronized void start(long durationNs) {
    if (thread != null) throw new IllegalStateException("already started");
    loop.primeHeartbeat(clock.nanoTime());
    supervised = true;
    alive = true;
    thread = Thread.ofPlatform().name("foresight-loop").daemon(false).unstarted(() -> run(durationNs));
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
  }

  private void run(long durationNs) {
    // Scheduling first, before the first deadline; a refusal is a warning, not a failure.
    String how = "normal";
    if (fifoPriority > 0) {
      var problem = ThreadScheduling.fifo(fifoPriority);
      problem.ifPresent(p -> LOG.warn("control thread keeps normal scheduling: {}", p));
      how = problem.isEmpty() ? "fifo " + fifoPriority : "normal (" + problem.get() + ")";
    }
    if (cpu >= 0) {
      var problem = ThreadScheduling.pin(cpu);
      problem.ifPresent(p -> LOG.warn("control thread not pinned to cpu {}: {}", cpu, p));
      if (problem.isEmpty()) how += ", cpu " + cpu;
    }
    scheduling = how;
    // The first deadline is now, after the set-up, so thread start and scheduling are not counted.
    long start = clock.nanoTime();
    stopAtNs = durationNs == Long.MAX_VALUE ? Long.MAX_VALUE : start + durationNs;
    loop.primeHeartbeat(start);
    try {
      long deadline = start;
      while (supervised) {
        clock.sleepUntil(deadline);
        long now = clock.nanoTime();
        if (now >= stopAtNs) {
          supervised = false;
          break;
        }
        loop.doWork(now, deadline);
        long end = loop.lastTickEndNs();
        deadline += periodNs;
        if (end > deadline) {
          long skipped = (end - deadline) / periodNs + 1;
          deadline += skipped * periodNs;
          missedInARow += skipped;
          loop.metrics().recordOverrun(skipped);
          overruns.overrun(end, loop.frame());
        } else {
          missedInARow = 0;
        }
        overruns.afterTick(end);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      // Supervision stays on: the watchdog sees the stall and latches the e-stop as well.
      LOG.error("control thread failed; outputs go to their safe state", t);
      loop.died(t);
    } finally {
      loop.io().safe();
      alive = false;
      stopped.countDown();
    }
  }

  /** Asks the control thread to stop after its current tick and waits until outputs are safe. */
  public void stop() throws InterruptedException {
    supervised = false;
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
    return alive;
  }

  /** Whether the loop is meant to be running: started, and neither stopped nor at the end of its duration. */
  public boolean supervised() {
    return supervised;
  }

  /** Deadlines missed in a row (0 after a tick that ended in time). */
  public long missedInARow() {
    return missedInARow;
  }

  /** The control thread, once started (for allocation measurements by thread id). */
  public synchronized Thread thread() {
    return thread;
  }

  /** How the control thread is scheduled: {@code normal}, {@code fifo 80}, {@code fifo 80, cpu 1}. */
  public String scheduling() {
    return scheduling;
  }

  /** The loop period, ns. */
  public long periodNs() {
    return periodNs;
  }
}
