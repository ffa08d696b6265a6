package dev.foresight.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacedClockTest {

  @Test
  void tickTimeIsExactlyTheDeadlineAndWaitsForTheWallClock() throws InterruptedException {
    PacedClock clock = new PacedClock();
    long start = System.nanoTime();
    for (int k = 1; k <= 5; k++) {
      clock.sleepUntil(k * 10_000_000L);
      assertThat(clock.nanoTime()).isEqualTo(k * 10_000_000L);
    }
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(45_000_000L);
    assertThat(clock.maxLagNs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aPastDeadlineReturnsAtOnceWithoutMovingTimeBack() throws InterruptedException {
    PacedClock clock = new PacedClock();
    clock.sleepUntil(2_000_000L);
    clock.sleepUntil(1_000_000L);
    assertThat(clock.nanoTime()).isEqualTo(2_000_000L);
  }
}
