package dev.foresight.runtime.agent;

import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.SystemClock;
import dev.foresight.runtime.time.ThreadScheduling;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the platform thread of one {@link Agent}: names it, schedules it (Java priority, optionally
 * Linux {@code SCHED_FIFO} and a CPU through {@link ThreadScheduling}), then runs
 * {@code onStart}, the duty cycle {@code idle(doWork(clock.nanoTime()))} until closed, and
 * {@code onClose}.
 *
 * <pre>{@code
 * AgentRunner runner = AgentRunner.builder(watchdog)
 *     .clock(loopClock)                                   // what doWork gets as nowNs
 *     .idle(new PeriodicIdleStrategy(2_500_000L))        // every 2.5 ms of real time
 *     .priority(Thread.MAX_PRIORITY).realtime(81, -1)
 *     .errorHandler(e -> LOG.error("watchdog check failed", e))
 *     .start();
 * ...
 * runner.close();                                         // idempotent; joins with a timeout
 * }</pre>
 *
 * <p>Failures never end the thread silently: whatever {@code onStart}, {@code doWork} or
 * {@code onClose} throws is counted ({@link #errors()}) and handed to the {@link ErrorHandler}
 * (by default an error log line); after an exception the duty cycle goes on (having idled as after
 * a cycle without work, so a failing agent does not spin). An {@link Error} is reported and ends
 * the agent, as does an interrupt; {@link AgentTerminationException} ends it without a report.
 * {@code onClose} runs in every case, also after a failed {@code onStart}.
 *
 * <p>The runner never interrupts its thread (an interrupt closes the file or socket channel the
 * agent may be writing): {@link #close()} clears the running flag and unparks the thread, so
 * idle strategies must park (not sleep) to be woken.
 */
public final class AgentRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

  private enum State { NEW, STARTED, CLOSED }

  private final Agent agent;
  private final String name;
  private final Clock clock;
  private final IdleStrategy idle;
  private final ErrorHandler errorHandler;
  private final boolean daemon;
  private final int priority;
  private final int fifoPriority;
  private final int cpu;
  private final long closeTimeoutMs;
  private final AtomicLong errors = new AtomicLong();
  private final Object lock = new Object();
  private State state = State.NEW;
  private volatile boolean running = true;
  private volatile Thread thread;
  private boolean warnedSlowClose;

  private AgentRunner(Builder b) {
    this.agent = b.agent;
    this.name = b.agent.roleName();
    this.clock = b.clock;
    this.idle = b.idle;
    this.errorHandler = b.errorHandler != null ? b.errorHandler : e -> LOG.error("{} failed", name, e);
    this.daemon = b.daemon;
    this.priority = b.priority;
    this.fifoPriority = b.fifoPriority;
    this.cpu = b.cpu;
    this.closeTimeoutMs = b.closeTimeoutMs;
  }

  /** A builder for a runner of {@code agent}; see the defaults on {@link Builder}. */
  public static Builder builder(Agent agent) {
    return new Builder(agent);
  }

  /**
   * Starts the agent's thread. Idempotent while running.
   *
   * @throws IllegalStateException when the runner was closed
   */
  public void start() {
    synchronized (lock) {
      if (state == State.STARTED) return;
      if (state == State.CLOSED) throw new IllegalStateException(name + " is closed; make a new runner");
      Thread t = Thread.ofPlatform().name(name).daemon(daemon).priority(priority).unstarted(this::run);
      thread = t;
      state = State.STARTED;
      t.start();
    }
  }

  /**
   * Ends a park of the agent's thread now (the asynchronous planner after a new state is handed
   * over). Any thread; allocation-free; harmless before start and after close.
   */
  public void wake() {
    Thread t = thread;
    if (t != null) LockSupport.unpark(t);
  }

  /**
   * Stops the agent: no further {@code doWork}, then its {@code onClose} on its thread; waits up to
   * the close timeout for the thread to end (and logs a warning when it did not). A runner that was
   * never started runs {@code onClose} on the calling thread. Idempotent; called from the agent's
   * own thread it only asks it to stop.
   */
  @Override
  public void close() {
    synchronized (lock) {
      State was = state;
      state = State.CLOSED;
      running = false;
      if (was == State.NEW) {
        closeAgent();
        return;
      }
    }
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) return;
    LockSupport.unpark(t);
    try {
      t.join(closeTimeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      synchronized (lock) {
        if (warnedSlowClose) return;
        warnedSlowClose = true;
      }
      LOG.warn("{} did not stop within {} ms", name, closeTimeoutMs);
    }
  }

  /** Whether the agent's thread is running. */
  public boolean alive() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  /** Failures reported to the error handler so far. */
  public long errors() {
    return errors.get();
  }

  /** The agent's thread, once started (tests). */
  Thread thread() {
    return thread;
  }

  /** The agent's role name, which is also its thread's name. */
  public String name() {
    return name;
  }

  private void run() {
    schedule();
    boolean started;
    try {
      agent.onStart();
      started = true;
    } catch (Throwable t) {
      report(t);
      started = false;
    }
    try {
      if (started) dutyCycles();
    } finally {
      closeAgent();
    }
  }

  private void dutyCycles() {
    // An interrupt is not this runner's (it unparks), but a set flag would make every park return at once.
    while (running && !Thread.currentThread().isInterrupted()) {
      int work;
      try {
        work = agent.doWork(clock.nanoTime());
      } catch (AgentTerminationException e) {
        return;
      } catch (InterruptedException e) {
        return;   // not from this runner: someone asked the thread to end
      } catch (Error e) {
        report(e);   // an OutOfMemoryError or a StackOverflowError leaves the agent's state untrustworthy
        return;
      } catch (Throwable t) {
        report(t);
        work = 0;
      }
      idle.idle(work);
    }
  }

  private void closeAgent() {
    try {
      agent.onClose();
    } catch (Throwable t) {
      report(t);
    }
  }

  private void report(Throwable t) {
    errors.incrementAndGet();
    try {
      errorHandler.onError(t);
    } catch (Throwable again) {
      LOG.error("{} failed ({}) and so did its error handler", name, t, again);
    }
  }

  private void schedule() {
    if (fifoPriority > 0) {
      ThreadScheduling.fifo(fifoPriority).ifPresent(p -> LOG.warn("{} keeps normal scheduling: {}", name, p));
    }
    if (cpu >= 0) {
      ThreadScheduling.pin(cpu).ifPresent(p -> LOG.warn("{} not pinned to cpu {}: {}", name, cpu, p));
    }
  }

  /**
   * How a runner runs its agent. Defaults: real time ({@link SystemClock}), park 1 ms after a cycle
   * without work, errors logged, a daemon thread at normal priority without real-time scheduling,
   * one second to close.
   */
  public static final class Builder {

    private final Agent agent;
    private Clock clock = new SystemClock();
    private IdleStrategy idle = new SleepingIdleStrategy(1_000_000L);
    private ErrorHandler errorHandler;
    private boolean daemon = true;
    private int priority = Thread.NORM_PRIORITY;
    private int fifoPriority;
    private int cpu = -1;
    private long closeTimeoutMs = 1_000L;

    private Builder(Agent agent) {
      this.agent = agent;
    }

    /** The clock read before every {@code doWork} (the loop's clock for supervision, real time for I/O). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** What the thread does between cycles. */
    public Builder idle(IdleStrategy idle) {
      this.idle = idle;
      return this;
    }

    /** Gets every failure (after it is counted). */
    public Builder errorHandler(ErrorHandler errorHandler) {
      this.errorHandler = errorHandler;
      return this;
    }

    /** Whether the thread is a daemon (does not keep the JVM alive). */
    public Builder daemon(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    /** Java thread priority (a hint Linux ignores; see {@link #realtime}). */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Real-time scheduling of the thread, applied when it starts (a refusal is a warning).
     *
     * @param fifoPriority Linux {@code SCHED_FIFO} priority 1..99, 0 for normal scheduling
     * @param cpu          CPU to pin the thread to, -1 for any
     */
    public Builder realtime(int fifoPriority, int cpu) {
      this.fifoPriority = fifoPriority;
      this.cpu = cpu;
      return this;
    }

    /** How long {@link AgentRunner#close()} waits for the thread. */
    public Builder closeTimeoutMs(long closeTimeoutMs) {
      this.closeTimeoutMs = closeTimeoutMs;
      return this;
    }

    /** The runner, not started. */
    public AgentRunner build() {
      return new AgentRunner(this);
    }

    /** The runner, started. */
    public AgentRunner start() {
      AgentRunner runner = build();
      runner.start();
      return runner;
    }
  }
}
