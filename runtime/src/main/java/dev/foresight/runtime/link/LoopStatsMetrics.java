package dev.foresight.runtime.link;

import dev.foresight.runtime.loop.LoopStats;
import dev.foresight.runtime.time.Clock;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@link MetricsSource} over today's {@link LoopStats}: percentiles over the interval since the
 * previous sample (the difference of two copies of the cumulative histograms). The copies are
 * taken while the control thread writes, so a sample may be off by the tick being recorded.
 */
public final class LoopStatsMetrics implements MetricsSource {

  private final LoopStats stats;
  private final Clock clock;
  private Histogram lastJitter;
  private Histogram lastTick;
  private long lastTicks;
  private long lastNs;

  /** Samples {@code stats}; rates use {@code clock}. */
  public LoopStatsMetrics(LoopStats stats, Clock clock) {
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public LoopMetrics sample() {
    long now = clock.nanoTime();
    long ticks = stats.ticks();
    Histogram jitter = stats.periodErrorUs().copy();
    Histogram tick = stats.tickUs().copy();
    Histogram jitterInterval = jitter.copy();
    Histogram tickInterval = tick.copy();
    double rate = Double.NaN;
    if (lastJitter != null) {
      jitterInterval.subtract(lastJitter);
      tickInterval.subtract(lastTick);
      if (now > lastNs) rate = (ticks - lastTicks) * 1e9 / (now - lastNs);
    }
    lastJitter = jitter;
    lastTick = tick;
    lastTicks = ticks;
    lastNs = now;
    return new LoopMetrics(ticks, rate, jitterInterval.getValueAtPercentile(50),
        jitterInterval.getValueAtPercentile(99), jitterInterval.getMaxValue(), tickInterval.getValueAtPercentile(99),
        stats.overruns(), stats.faults(), Map.of());
  }
}
