package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnglesTest {

  @Test
  void wrapsLikeGymnasiumsAngleNormalize() {
    // Python: ((x + pi) % (2 pi)) - pi, where % floors.
    assertThat(Angles.wrap(Math.PI)).isEqualTo(-Math.PI, within(1e-15));
    assertThat(Angles.wrap(-Math.PI)).isEqualTo(-Math.PI, within(1e-15));
    assertThat(Angles.wrap(3 * Math.PI / 2)).isEqualTo(-Math.PI / 2, within(1e-15));
    assertThat(Angles.wrap(-3 * Math.PI / 2)).isEqualTo(Math.PI / 2, within(1e-15));
    assertThat(Angles.wrap(0.25)).isEqualTo(0.25, within(1e-15));
    assertThat(Angles.wrap(10 * Math.PI + 0.5)).isEqualTo(0.5, within(1e-12));
  }
}
