package dev.foresight.runtime.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Timing histograms and counters of the control loop. The control thread records without locks or
 * allocation (HdrHistogram {@link SingleWriterRecorder}s: wait-free for the writer); any other
 * thread reads consistent summaries with {@link #snapshot()} (since start) or through a
 * {@link Window} (since that window's previous take, e.g. one per telemetry period).
 *
 * <pre>{@code
 * MetricsSnapshot total = robot.loop().metrics().snapshot();
 * LoopMetrics.Window window = robot.loop().metrics().window();
 * ... every second: MetricsSnapshot lastSecond = window.take();
 * }</pre>
 */
public final class LoopMetrics {

  /** Highest value tracked: 10 s in ns (larger values are recorded as 10 s). */
  private static final long MAX_NS = 10_000_000_000L;
  private static final int PERIOD_ERROR = 0;
  private static final int TICK = 1;
  private static final int PHASES = 2;

  private final int rateHz;
  private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[PHASES + Phase.ALL.length];
  private final Histogram[] recycled = new Histogram[recorders.length];
  private final Accumulator total = new Accumulator();
  private final List<Window> windows = new CopyOnWriteArrayList<>();
  private final List<LongSupplier> dropSources = new CopyOnWriteArrayList<>();

  private volatile long ticks;
  private volatile long overruns;
  private volatile long skippedPeriods;
  private volatile long tickErrors;
  private volatile long plansLate;

  /** Metrics for a loop running at {@code rateHz}. */
  public LoopMetrics(int rateHz) {
    this.rateHz = rateHz;
    for (int i = 0; i < recorders.length; i++) recorders[i] = new SingleWriterRecorder(MAX_NS, 3);
  }

  // ---- control thread ----

  /** Records one tick's start lateness and duration. */
  void recordTick(long periodErrorNs, long tickNs) {
    recorders[PERIOD_ERROR].recordValue(clamp(Math.abs(periodErrorNs)));
    recorders[TICK].recordValue(clamp(tickNs));
    ticks++;
  }

  /** Records one phase's duration. */
  void recordPhase(Phase phase, long ns) {
    recorders[PHASES + phase.ordinal()].recordValue(clamp(ns));
  }

  void recordOverrun(long periodsSkipped) {
    overruns++;
    skippedPeriods += periodsSkipped;
  }

  void recordTickError() {
    tickErrors++;
  }

  void recordPlanLate() {
    plansLate++;
  }

  private static long clamp(long ns) {
    return Math.min(MAX_NS, Math.max(0, ns));
  }

  /** Counts the drops of a tap in {@link MetricsSnapshot#drops()}. */
  void addDropSource(LongSupplier dropped) {
    dropSources.add(dropped);
  }

  // ---- any thread ----

  /** Ticks run so far. */
  public long ticks() {
    return ticks;
  }

  /** Overruns so far. */
  public long overruns() {
    return overruns;
  }

  /** Ticks in which a phase threw. */
  public long tickErrors() {
    return tickErrors;
  }

  /** Everything since the loop started. */
  public synchronized MetricsSnapshot snapshot() {
    collect();
    return total.summary(rateHz, counters());
  }

  /** A new window; its first {@link Window#take()} covers the time from now. */
  public synchronized Window window() {
    collect();
    Window w = new Window(counters());
    windows.add(w);
    return w;
  }

  /** Moves what the writer recorded since the last collection into the total and every window. */
  private void collect() {
    for (int i = 0; i < recorders.length; i++) {
      Histogram interval = recorders[i].getIntervalHistogram(recycled[i]);
      total.histograms[i].add(interval);
      for (Window w : windows) w.accumulator.histograms[i].add(interval);
      recycled[i] = interval;
    }
  }

  private long[] counters() {
    long drops = 0;
    for (LongSupplier d : dropSources) drops += d.getAsLong();
    return new long[] {ticks, overruns, skippedPeriods, tickErrors, plansLate, drops};
  }

  /** Histograms accumulated for one reader. */
  private static final class Accumulator {
    final Histogram[] histograms = new Histogram[PHASES + Phase.ALL.length];

    Accumulator() {
      for (int i = 0; i < histograms.length; i++) histograms[i] = new Histogram(MAX_NS, 3);
    }

    MetricsSnapshot summary(int rateHz, long[] c) {
      Map<String, Percentiles> phases = new LinkedHashMap<>();
      for (Phase p : Phase.ALL) phases.put(p.id(), Percentiles.ofNanos(histograms[PHASES + p.ordinal()]));
      return new MetricsSnapshot(rateHz, c[0], c[1], c[2], c[3], c[4], c[5],
          Percentiles.ofNanos(histograms[PERIOD_ERROR]), Percentiles.ofNanos(histograms[TICK]), phases);
    }

    void reset() {
      for (Histogram h : histograms) h.reset();
    }
  }

  /** A reader's interval view: each {@link #take()} summarizes what happened since the previous one. */
  public final class Window {
    private final Accumulator accumulator = new Accumulator();
    private long[] base;

    private Window(long[] base) {
      this.base = base;
    }

    /** Summary since the previous take (or since the window was made), then starts a new interval. */
    public MetricsSnapshot take() {
      synchronized (LoopMetrics.this) {
        collect();
        long[] now = counters();
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) delta[i] = now[i] - base[i];
        MetricsSnapshot s = accumulator.summary(rateHz, delta);
        accumulator.reset();
        base = now;
        return s;
      }
    }

    /** Stops updating this window. */
    public void close() {
      windows.remove(this);
    }
  }

  /** For tests: the list of windows (to check they are released). */
  List<Window> windows() {
    return new ArrayList<>(windows);
  }
}
