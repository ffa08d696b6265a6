package dev.foresight.runtime.loop;

import java.util.Map;

/**
 * The loop's timing and counters over an interval (since start, or since a window's previous
 * take): what {@code foresight bench loop --json} prints and what telemetry publishes on
 * {@code metrics}. Times in microseconds.
 *
 * @param rateHz         configured tick rate
 * @param ticks          ticks run in the interval
 * @param overruns       ticks that ended after the next deadline
 * @param skippedPeriods deadlines skipped after overruns (no burst catch-up)
 * @param tickErrors     ticks in which a phase threw (the loop went safe and kept running)
 * @param plansLate      ticks that applied the shifted previous plan because the new one was late
 * @param drops          ticks dropped by telemetry and recording taps whose consumer was behind
 * @param periodErrorUs  |actual - scheduled| tick start
 * @param tickUs         tick start to end of the last phase
 * @param phaseUs        duration of each phase, by {@link Phase#id()}, in tick order
 */
public record MetricsSnapshot(int rateHz, long ticks, long overruns, long skippedPeriods, long tickErrors,
    long plansLate, long drops, Percentiles periodErrorUs, Percentiles tickUs, Map<String, Percentiles> phaseUs) {}
