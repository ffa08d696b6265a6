package dev.foresight.runtime.link;

import java.util.Map;

/**
 * What the link publishes on {@code metrics} about the loop, sampled by the network thread about
 * once a second. {@link LoopMetricsSource} adapts the loop's own metrics; a source adding numbers
 * such as model error or battery voltage fills {@code extras}.
 */
@FunctionalInterface
public interface MetricsSource {

  /** The loop's numbers now. Called on the network thread; may allocate. */
  LoopMetrics sample();

  /**
   * Loop numbers over the last interval.
   *
   * @param ticks             ticks since start
   * @param rateHz            ticks per second over the interval (NaN when unknown)
   * @param jitterP50Us       median |actual - scheduled| tick start over the interval, microseconds
   * @param jitterP99Us       its 99th percentile
   * @param jitterMaxUs       its maximum
   * @param tickP99Us         99th percentile of the tick's own duration
   * @param overruns          ticks that ran past their deadline, since start
   * @param faults            ticks in which a phase failed, since start
   * @param extras            further named numbers: {@code model_error}, {@code battery_v}... (may be empty)
   */
  record LoopMetrics(long ticks, double rateHz, long jitterP50Us, long jitterP99Us, long jitterMaxUs,
      long tickP99Us, long overruns, long faults, Map<String, Double> extras) {}
}
