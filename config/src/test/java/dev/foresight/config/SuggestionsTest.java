package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void suggestsTheClosestNameForATypo() {
    assertThat(Suggestions.closest("rat_hz", List.of("rate_hz", "planning", "plan_budget_ms"))).contains("rate_hz");
    assertThat(Suggestions.closest("as560", List.of("as5600", "ads1115"))).contains("as5600");
    assertThat(Suggestions.closest("adress", List.of("address", "bus"))).contains("address");
  }

  @Test
  void countsASwapOfNeighboursAsOneEdit() {
    assertThat(Suggestions.distance("teh", "the")).isEqualTo(1);
    assertThat(Suggestions.closest("pivto", List.of("pivot", "motor"))).contains("pivot");
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertThat(Suggestions.closest("banana", List.of("rate_hz", "planning"))).isEmpty();
    assertThat(Suggestions.closest("x", List.of("y"))).isEmpty();
  }
}
