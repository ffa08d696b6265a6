package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheUnitsPeopleWrite() {
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void formatsBackToTheSameForm() {
    assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
  }

  @Test
  void rejectsWhatItCannotReadWithTheAcceptedForms() {
    assertThatThrownBy(() -> Durations.parse("ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'ten' is not a duration; write a number and a unit, like 250ms, 10s, 5m or 1h");
    assertThatThrownBy(() -> Durations.parse("10"))
        .hasMessageContaining("'10' is not a duration");
    assertThatThrownBy(() -> Durations.parse("-5s"))
        .hasMessageContaining("'-5s' is not a duration");
  }
}
