package dev.foresight.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LoopMetricsTest {

  @Test
  void snapshotSummarizesEverythingSinceStartInMicroseconds() {
    LoopMetrics m = new LoopMetrics(1000);
    for (int i = 1; i <= 100; i++) {
      m.recordTick(i * 1000L, 500_000L);        // period errors 1..100 us
      m.recordPhase(Phase.PLAN, 300_000L);
    }
    m.recordTick(-5_000_000L, 6_000_000L);      // a tick that started 5 ms early counts as |5 ms|
    m.recordOverrun(3);
    MetricsSnapshot s = m.snapshot();
    assertThat(s.ticks()).isEqualTo(101);
    assertThat(s.overruns()).isEqualTo(1);
    assertThat(s.skippedPeriods()).isEqualTo(3);
    // HdrHistogram keeps 3 significant digits and reports the top of a value's bucket (never less).
    assertThat(s.periodErrorUs().p50()).isCloseTo(51.0, withinPercentage(0.2));
    assertThat(s.periodErrorUs().max()).isCloseTo(5000.0, withinPercentage(0.1)).isGreaterThanOrEqualTo(5000.0);
    assertThat(s.phaseUs().get("plan").p99()).isCloseTo(300.0, withinPercentage(0.1));
    assertThat(s.phaseUs().keySet()).containsExactly("sense", "estimate", "plan", "safety", "act", "predict", "publish",
        "record");
  }

  @Test
  void eachWindowSeesOnlyWhatHappenedSinceItsPreviousTake() {
    LoopMetrics m = new LoopMetrics(100);
    m.recordTick(1_000_000L, 0);
    LoopMetrics.Window telemetry = m.window();
    m.recordTick(2_000_000L, 0);
    m.recordOverrun(1);
    MetricsSnapshot first = telemetry.take();
    assertThat(first.ticks()).isEqualTo(1);
    assertThat(first.overruns()).isEqualTo(1);
    assertThat(first.periodErrorUs().max()).isCloseTo(2000.0, withinPercentage(0.1));
    m.recordTick(3_000_000L, 0);
    MetricsSnapshot second = telemetry.take();
    assertThat(second.ticks()).isEqualTo(1);
    assertThat(second.overruns()).isZero();
    assertThat(second.periodErrorUs().p50()).isCloseTo(3000.0, withinPercentage(0.1));
    assertThat(m.snapshot().ticks()).as("the total is not affected by windows").isEqualTo(3);
    telemetry.close();
  }

  @Test
  void dropsOfTapsAreCounted() {
    LoopMetrics m = new LoopMetrics(100);
    m.addDropSource(() -> 7);
    assertThat(m.snapshot().drops()).isEqualTo(7);
  }
}
