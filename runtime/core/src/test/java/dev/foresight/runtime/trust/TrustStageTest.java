package dev.foresight.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.models.trust.Calibration;
import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.trust.TrustMonitor;
import dev.foresight.models.world.WorldModel;
import dev.foresight.runtime.Allocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustStageTest {

  static final String[] NAMES = {"theta", "theta_dot"};
  static final boolean[] WRAPPED = {true, false};

  /** x' = x + u + bias, one sample; {@code nanBelow}: NaN when theta < it. */
  static final class Adder implements WorldModel {
    double bias;
    double nanBelow = Double.NEGATIVE_INFINITY;

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
      for (int i = 0; i < 2; i++) next[i] = (float) (state[i] + action[i] + bias);
      if (state[0] < nanBelow) next[1] = Float.NaN;
    }
  }

  static TrustMonitor monitor() {
    Calibration c = new Calibration(List.of(NAMES), new double[] {0.01, 0.1}, new double[0], 2.0, 9.0, 20, 0, 1, 0.1,
        20, 1000);
    return new TrustMonitor(c, 20, WRAPPED);
  }

  @Test
  void pairsEachPredictionWithTheNextTickAnglesTheShortWayRound() {
    double[] predicted = new double[2];
    double[] spread = new double[2];
    try (TrustStage s = new TrustStage(new Adder(), "adder", null, NAMES, WRAPPED, 2)) {
      assertThat(s.compare(1, new double[] {3.1, 0}, predicted, spread)).as("nothing predicted yet").isFalse();
      s.predict(1, new double[] {3.1, 0}, new double[] {0.1, 1});
      assertThat(s.compare(2, new double[] {-3.08, 1.5}, predicted, spread)).isTrue();
      // 3.2 rad wraps to -3.0832; the truth -3.08 is 0.0032 past it, not 6.28 away
      assertThat(predicted[0]).isCloseTo(3.2 - 2 * Math.PI, within(1e-6));
      assertThat(predicted[1]).isCloseTo(1.0, within(1e-6));
      assertThat(spread).containsExactly(0.0, 0.0);
      assertThat(s.alarmed()).isFalse();
      assertThat(s.statistic()).as("no monitor").isNaN();

      s.predict(2, new double[] {0, 0}, new double[] {0, 0});
      assertThat(s.compare(4, new double[] {0, 0}, predicted, spread)).as("tick 3 never came: no pair").isFalse();
      s.predict(4, new double[] {0, 0}, new double[] {0, 0});
      s.reset();
      assertThat(s.compare(5, new double[] {0, 0}, predicted, spread)).as("a new episode").isFalse();
    }
  }

  @Test
  void aNonFinitePredictionAlarmsOnTheNextTickEvenWithoutCalibration() {
    Adder model = new Adder();
    model.nanBelow = 0;   // NaN only in part of the state space
    double[] predicted = new double[2];
    double[] spread = new double[2];
    try (TrustStage s = new TrustStage(model, "adder", null, NAMES, WRAPPED, 2)) {
      s.predict(1, new double[] {0.5, 0}, new double[] {0, 0});
      assertThat(s.compare(2, new double[] {0.5, 0}, predicted, spread)).isTrue();
      assertThat(s.alarmed()).as("theta >= 0: finite").isFalse();
      s.predict(2, new double[] {-0.5, 0}, new double[] {0, 0});
      s.compare(3, new double[] {-0.5, 0}, predicted, spread);
      assertThat(s.alarmed()).isTrue();
      assertThat(s.channel()).isEqualTo("theta_dot");
      assertThat(s.statistic()).isInfinite();
    }
  }

  @Test
  void aCalibratedModelThatDriftsIsJudgedByItsMonitor() {
    Adder model = new Adder();
    double[] predicted = new double[2];
    double[] spread = new double[2];
    try (TrustStage s = new TrustStage(model, "adder", monitor(), NAMES, WRAPPED, 2)) {
      double[] x = {0.1, 0.2};
      double[] u = {0, 0};
      for (int t = 1; t <= 100; t++) {
        s.predict(t, x, u);
        s.compare(t + 1, x, predicted, spread);
        assertThat(s.alarmed()).isFalse();
      }
      model.bias = 0.05;   // theta 5 residual scales off: z^2 capped at 9, drift 7 per tick
      int ticks = 0;
      do {
        s.predict(100 + ticks, x, u);
        s.compare(101 + ticks, x, predicted, spread);
        ticks++;
      } while (!s.alarmed());
      assertThat(ticks).isEqualTo(3);   // 7, 14, 21 > 20
      assertThat(s.channel()).isEqualTo("theta");
      assertThat(s.statistic()).isGreaterThan(1.0);
      assertThat(s.alarms()).isEqualTo(1);
    }
  }

  @Test
  void aCorrectionIsAddedToThePredictionAndItsVersionKept() {
    ResidualCorrection c = new ResidualCorrection(WRAPPED, 2, ResidualCorrection.Settings.defaults());
    double[] w = new double[c.weightCount()];
    w[w.length - 1] = 0.25;   // theta_dot's bias feature
    c.setWeights(w);
    double[] predicted = new double[2];
    double[] spread = new double[2];
    try (TrustStage s = new TrustStage(new Adder(), "adder", null, NAMES, WRAPPED, 2)) {
      s.useCorrection(c, 3);
      s.predict(1, new double[] {0, 0}, new double[] {0, 0});
      s.compare(2, new double[] {0, 0}, predicted, spread);
      assertThat(predicted[1]).isCloseTo(0.25, within(1e-9));
      assertThat(s.correctionVersion()).isEqualTo(3);
    }
  }

  @Test
  void predictingAndComparingAllocateNothing() {
    double[] predicted = new double[2];
    double[] spread = new double[2];
    double[] x = {0.1, 0.2};
    double[] u = {0.3, 0.1};
    long[] tick = {0};
    try (TrustStage s = new TrustStage(new Adder(), "adder", monitor(), NAMES, WRAPPED, 2)) {
      Runnable work = () -> {
        for (int i = 0; i < 10_000; i++) {
          s.predict(++tick[0], x, u);
          s.compare(tick[0] + 1, x, predicted, spread);
        }
      };
      work.run();   // warm
      assertThat(Allocation.smallestOfThree(work)).isZero();
    }
  }
}
