package dev.foresight.runtime.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the robot stops (SIGTERM, Ctrl-C, end of a run, {@code Robot.close()}), in a
 * fixed order of {@link Stage}s that other parts register with:
 * <ol>
 *   <li>{@link Stage#OUTPUTS_SAFE}: the supervisor latches a safe stop and the outputs go safe, at
 *       once, on the calling thread, before anything else can go wrong;
 *   <li>{@link Stage#STOP_LOOP}: watchdog, control thread and planner thread stop;
 *   <li>{@link Stage#FLUSH}: recordings are flushed and closed;
 *   <li>{@link Stage#NOTIFY}: operators are told (MQTT status {@code offline}, last events);
 *   <li>{@link Stage#RELEASE}: event pump, devices and native resources are released.
 * </ol>
 * Every step runs once, even if an earlier one failed (failures are logged). Steps after the first
 * stage run on helper threads, one at a time, each for at most {@value #STEP_LIMIT_MS} ms and all
 * together within the budget, so a hung network or disk cannot keep the process from exiting or
 * the next step from running; the outputs are safe by then anyway.
 *
 * <pre>{@code
 * robot.shutdown().register(ShutdownSequence.Stage.FLUSH, "mcap recorder", reason -> recorder.close());
 * robot.shutdown().register(ShutdownSequence.Stage.NOTIFY, "mqtt status", reason -> link.offline(reason));
 * Runtime.getRuntime().addShutdownHook(robot.shutdown().hook("signal"));
 * }</pre>
 */
public final class ShutdownSequence {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
  /** Longest time one step after the first stage may take before the sequence moves on. */
  static final long STEP_LIMIT_MS = 2_000;
  /** Shortest time a step gets even when the budget is spent. */
  static final long STEP_MINIMUM_MS = 100;

  /** The stages, in the order they run. */
  public enum Stage {
    /** Outputs safe (runs on the calling thread, first). */
    OUTPUTS_SAFE,
    /** Threads of the loop stop. */
    STOP_LOOP,
    /** Recordings flushed. */
    FLUSH,
    /** Operators told. */
    NOTIFY,
    /** Resources released. */
    RELEASE
  }

  /** One step of the sequence. */
  @FunctionalInterface
  public interface Step {
    /**
     * Runs the step.
     *
     * @param reason why the robot stops, e.g. {@code signal}, {@code end of run}
     */
    void run(String reason) throws Exception;
  }

  private record Entry(Stage stage, int order, String name, Step step) {}

  private final List<Entry> entries = new ArrayList<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final long budgetMs;
  private volatile String reason = "";

  /** @param budgetMs time the stages after {@link Stage#OUTPUTS_SAFE} get altogether (each step gets at least 100 ms) */
  public ShutdownSequence(long budgetMs) {
    this.budgetMs = budgetMs;
  }

  /** Adds a step to a stage; steps of one stage run in the order they were registered. */
  public synchronized void register(Stage stage, String name, Step step) {
    if (started.get()) throw new IllegalStateException("the shutdown sequence is already running");
    entries.add(new Entry(stage, entries.size(), name, step));
  }

  /**
   * Runs the sequence once; later calls (from another thread too) wait until the first run is done.
   *
   * @param why why the robot stops
   */
  public void run(String why) {
    if (!started.compareAndSet(false, true)) {
      awaitDone();
      return;
    }
    reason = why;
    List<Entry> ordered;
    synchronized (this) {
      ordered = new ArrayList<>(entries);
    }
    ordered.sort(Comparator.comparing(Entry::stage).thenComparingInt(Entry::order));
    List<Entry> later = new ArrayList<>();
    for (Entry e : ordered) {
      if (e.stage() == Stage.OUTPUTS_SAFE) runStep(e, why);
      else later.add(e);
    }
    long deadline = System.nanoTime() + budgetMs * 1_000_000L;
    try {
      for (Entry e : later) {
        long remainingMs = Math.max(STEP_MINIMUM_MS, (deadline - System.nanoTime()) / 1_000_000L);
        Thread step = Thread.ofPlatform().name("foresight-shutdown").daemon(true).start(() -> runStep(e, why));
        if (!step.join(java.time.Duration.ofMillis(Math.min(STEP_LIMIT_MS, remainingMs)))) {
          LOG.warn("shutdown step '{}' still running after {} ms; going on without it (outputs are safe)", e.name(),
              Math.min(STEP_LIMIT_MS, remainingMs));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.countDown();
    }
  }

  private static void runStep(Entry e, String why) {
    try {
      e.step().run(why);
    } catch (Exception | Error failure) {
      LOG.error("shutdown step '{}' ({}) failed; continuing", e.name(), e.stage().name().toLowerCase(java.util.Locale.ROOT),
          failure);
    }
  }

  private void awaitDone() {
    try {
      done.await(budgetMs + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the sequence has started. */
  public boolean started() {
    return started.get();
  }

  /** Why it ran, or empty. */
  public String reason() {
    return reason;
  }

  /** A thread for {@link Runtime#addShutdownHook} that runs the sequence with {@code why}. */
  public Thread hook(String why) {
    return Thread.ofPlatform().name("foresight-shutdown-hook").unstarted(() -> run(why));
  }

  /** Names of the registered steps in the order they run (for docs and tests). */
  public synchronized List<String> steps() {
    return entries.stream().sorted(Comparator.comparing(Entry::stage).thenComparingInt(Entry::order))
        .map(e -> e.stage().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.name()).toList();
  }
}
