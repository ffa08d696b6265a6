package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpscRingTest {

  @Test
  void handsSlotsOverInOrderAndCountsWhatDidNotFit() {
    SpscRing<long[]> ring = new SpscRing<>(4, () -> new long[1]);
    for (int i = 0; i < 6; i++) {
      long[] slot = ring.claim();
      if (slot != null) {
        slot[0] = i;
        ring.publish();
      }
    }
    assertThat(ring.drops()).isEqualTo(2);
    for (int i = 0; i < 4; i++) {
      assertThat(ring.peek()[0]).isEqualTo(i);
      ring.release();
    }
    assertThat(ring.peek()).isNull();
    assertThat(ring.claim()).as("room again").isNotNull();
  }

  @Test
  void decimatesTheLoopRateToTheTelemetryRate() {
    TelemetryTap tap = new TelemetryTap(new dev.foresight.runtime.time.SteppedClock(), 500, 100, 1, 1, 8);
    assertThat(tap.decimation()).isEqualTo(5);
    assertThat(new TelemetryTap(new dev.foresight.runtime.time.SteppedClock(), 20, 10, 1, 1, 8).decimation()).isEqualTo(2);
    assertThat(new TelemetryTap(new dev.foresight.runtime.time.SteppedClock(), 50, 50, 1, 1, 8).decimation()).isEqualTo(1);
  }
}
