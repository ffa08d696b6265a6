package dev.foresight.runtime.link;

import dev.foresight.runtime.loop.MetricsSnapshot;
import dev.foresight.runtime.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link MetricsSource} over the loop's own metrics: each sample is one take of a
 * {@link dev.foresight.runtime.loop.LoopMetrics.Window}, so percentiles cover the interval since the previous sample, and
 * the rate is the ticks of that interval over its length on the loop clock.
 */
public final class LoopMetricsSource implements MetricsSource {

  private final dev.foresight.runtime.loop.LoopMetrics.Window window;
  private final dev.foresight.runtime.loop.LoopMetrics metrics;
  private final Clock clock;
  private final Supplier<Map<String, Double>> extras;
  private long lastNs;

  /** Samples {@code metrics}; rates use {@code clock}. */
  public LoopMetricsSource(dev.foresight.runtime.loop.LoopMetrics metrics, Clock clock) {
    this(metrics, clock, Map::of);
  }

  /** As {@link #LoopMetricsSource(dev.foresight.runtime.loop.LoopMetrics, Clock)}, adding {@code extras} to each sample. */
  public LoopMetricsSource(dev.foresight.runtime.loop.LoopMetrics metrics, Clock clock,
      Supplier<Map<String, Double>> extras) {
    this.extras = extras;
    this.metrics = metrics;
    this.window = metrics.window();
    this.clock = clock;
    this.lastNs = clock.nanoTime();
  }

  @Override
  public LoopMetrics sample() {
    long now = clock.nanoTime();
    MetricsSnapshot s = window.take();
    double rate = now > lastNs ? s.ticks() * 1e9 / (now - lastNs) : Double.NaN;
    lastNs = now;
    return new LoopMetrics(metrics.ticks(), rate, Math.round(s.periodErrorUs().p50()),
        Math.round(s.periodErrorUs().p99()), Math.round(s.periodErrorUs().max()), Math.round(s.tickUs().p99()),
        metrics.overruns(), metrics.tickErrors(), extras.get());
  }
}
