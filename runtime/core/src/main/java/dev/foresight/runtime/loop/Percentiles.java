package dev.foresight.runtime.loop;

import org.HdrHistogram.Histogram;

/**
 * Summary of a timing distribution, in microseconds.
 *
 * @param count samples
 * @param p50   median
 * @param p99   99th percentile
 * @param p999  99.9th percentile
 * @param max   largest sample
 * @param mean  mean
 */
public record Percentiles(long count, double p50, double p99, double p999, double max, double mean) {

  /** No samples. */
  public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);

  /** Summarizes a histogram of nanoseconds. */
  static Percentiles ofNanos(Histogram h) {
    if (h.getTotalCount() == 0) return EMPTY;
    return new Percentiles(h.getTotalCount(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(99)),
        us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), Math.round(h.getMean()) / 1000.0);
  }

  private static double us(long ns) {
    // HdrHistogram reports the highest value equivalent to a bucket; round to 0.1 us for display.
    return Math.round(ns / 100.0) / 10.0;
  }
}
