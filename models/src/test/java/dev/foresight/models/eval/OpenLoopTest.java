package dev.foresight.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.models.world.WorldModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k-step error and calibration on a model whose errors are known exactly. */
class OpenLoopTest {

  /** x' = x + u for the mean; member m adds offset[m]. */
  record Shifted(int batch, float[] offset) implements WorldModel {
    @Override
    public int stateSize() {
      return 1;
    }

    @Override
    public int actionSize() {
      return 1;
    }

    @Override
    public int members() {
      return offset.length;
    }

    @Override
    public void step(float[] state, float[] action, float[] next, float[] members) {
      for (int i = 0; i < batch; i++) next[i] = state[i] + action[i];
      if (members == null) return;
      for (int m = 0; m < offset.length; m++) {
        for (int i = 0; i < batch; i++) members[m * batch + i] = state[i] + action[i] + offset[m];
      }
    }
  }

  @Test
  void errorGrowsWithTheHorizonAndCoverageCountsTruthsWithinOneAndTwoSpreads() {
    int n = 4;
    int horizon = 5;
    float d = 0.1f;
    // Truth drifts by e per step beyond the model: 0.5 d for starts 0 and 1, 1.5 d for starts 2 and 3.
    float[] drift = {0.5f * d, -0.5f * d, 1.5f * d, -1.5f * d};
    float[] x0 = {0f, 1f, 2f, 3f};
    float[] actions = new float[horizon * n];
    float[] truth = new float[horizon * n];
    for (int t = 0; t < horizon; t++) {
      for (int r = 0; r < n; r++) {
        actions[t * n + r] = 0.2f;
        truth[t * n + r] = x0[r] + (t + 1) * (0.2f + drift[r]);
      }
    }
    float[] offsets = {-d, d};
    OpenLoop.Result r = OpenLoop.evaluate(new Shifted(n, offsets), new Shifted(2 * n, offsets), new boolean[] {false},
        List.of("x"), x0, actions, truth, n, horizon);

    for (int h = 1; h <= horizon; h++) {
      // errors h * 0.05 and h * 0.15: RMSE = h * sqrt((0.05^2 + 0.15^2) / 2)
      assertThat(r.rmse(h, 0)).isCloseTo(h * Math.sqrt((0.05 * 0.05 + 0.15 * 0.15) / 2), within(1e-5));
      // members' spread after h steps: h * d; half the truths within 1 sd, all within 2 sd
      assertThat(r.spread()[h - 1][0]).isCloseTo(h * d, within(1e-5));
      assertThat(r.coverage1(h)).isEqualTo(0.5);
      assertThat(r.coverage2(h)).isEqualTo(1.0);
    }
    assertThat(r.example()).hasSize(horizon);
    assertThat(r.exampleTruth()[horizon - 1]).isCloseTo(5 * (0.2 + 0.05), within(1e-5));
  }

  @Test
  void aSingleModelHasNoCalibration() {
    OpenLoop.Result r = OpenLoop.evaluate(new Shifted(1, new float[] {0f}), null, new boolean[] {true}, List.of("theta"),
        new float[] {3.1f}, new float[] {0.1f}, new float[] {-3.083f}, 1, 1);
    // 3.2 wraps to -3.083: no error the short way round
    assertThat(r.rmse(1, 0)).isLessThan(1e-3);
    assertThat(r.coverage1(1)).isNaN();
  }
}
