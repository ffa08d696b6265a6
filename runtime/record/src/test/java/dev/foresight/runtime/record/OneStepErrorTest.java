package dev.foresight.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.models.world.WorldModel;
import org.junit.jupiter.api.Test;

class OneStepErrorTest {

  /** x' = x + u, one sample. */
  record Adder() implements WorldModel {
    @Override
    public int stateSize() {
      return 2;
    }

    @Override
    public int actionSize() {
      return 2;
    }

    @Override
    public int batch() {
      return 1;
    }

    @Override
    public int members() {
      return 1;
    }

    @Override
    public void step(float[] state, float[] action, float[] next, float[] members) {
      for (int i = 0; i < 2; i++) next[i] = state[i] + action[i];
    }
  }

  @Test
  void pairsEachPredictionWithTheNextTickAnglesTheShortWayRound() {
    try (OneStepError e = new OneStepError(new NextStatePredictor(new Adder(), "adder", new boolean[] {true, false}))) {
      assertThat(e.compare(0, new double[] {3.1, 0})).as("nothing predicted yet").isFalse();
      e.predict(0, new double[] {3.1, 0}, new double[] {0.1, 1});
      // 3.2 rad wraps to -3.0832; the truth -3.08 is 0.0032 past it, not 6.28 away
      assertThat(e.compare(1, new double[] {-3.08, 1.5})).isTrue();
      assertThat(e.predicted()[0]).isCloseTo(3.2 - 2 * Math.PI, within(1e-6));
      assertThat(e.error()[0]).isCloseTo(-3.08 - (3.2 - 2 * Math.PI), within(1e-6));
      assertThat(e.error()[1]).isCloseTo(0.5, within(1e-6));
      assertThat(e.spread()).containsExactly(0.0, 0.0);

      e.predict(1, new double[] {0, 0}, new double[] {0, 0});
      assertThat(e.compare(3, new double[] {0, 0})).as("tick 2 was dropped: no pair").isFalse();
      e.predict(3, new double[] {0, 0}, new double[] {0, 0});
      e.reset();
      assertThat(e.compare(4, new double[] {0, 0})).as("a new episode").isFalse();
    }
  }
}
