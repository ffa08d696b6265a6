package dev.foresight.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fixed-rate pacer on hand-stepped time: deadlines from the first cycle on, no catch-up burst. */
class PeriodicIdleStrategyTest {

  @Test
  void waitsForTheNextDeadlineOfTheCadenceWhateverTheWorkTook() {
    PeriodicIdleStrategy pacer = new PeriodicIdleStrategy(100);
    assertThat(pacer.parkNs(1_000)).as("the cadence starts with the first cycle").isEqualTo(100);
    assertThat(pacer.parkNs(1_103)).as("a cycle that took 3 ns").isEqualTo(97);
    assertThat(pacer.parkNs(1_200)).isEqualTo(100);
    assertThat(pacer.parkNs(1_340)).as("a long cycle: still on the cadence").isEqualTo(60);
  }

  @Test
  void afterAStallItResumesFromNowInsteadOfBursting() {
    PeriodicIdleStrategy pacer = new PeriodicIdleStrategy(100);
    pacer.parkNs(0);
    assertThat(pacer.parkNs(450)).as("deadline 200 passed: run again at once").isZero();
    assertThat(pacer.parkNs(452)).as("one period after the stall ended").isEqualTo(98);
  }

  @Test
  void refusesANonPositivePeriod() {
    assertThatThrownBy(() -> new PeriodicIdleStrategy(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SleepingIdleStrategy(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
