package dev.foresight.runtime.learn.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnsembleTrainerTest {

  /** Episodes of a damped oscillator x' = x + dt v, v' = v + dt (-4 x - 0.5 v + 2 u), random u. */
  static Transitions oscillator(int episodes, int steps, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = episodes * steps;
    double[] s = new double[n * 2];
    double[] a = new double[n];
    double[] next = new double[n * 2];
    int[] ep = new int[n];
    double dt = 0.05;
    for (int e = 0; e < episodes; e++) {
      double x = r.nextDouble(-1, 1);
      double v = r.nextDouble(-1, 1);
      for (int t = 0; t < steps; t++) {
        int i = e * steps + t;
        double u = r.nextDouble(-1, 1);
        s[2 * i] = x;
        s[2 * i + 1] = v;
        a[i] = u;
        double v2 = v + dt * (-4 * x - 0.5 * v + 2 * u);
        double x2 = x + dt * v;
        next[2 * i] = x2;
        next[2 * i + 1] = v2;
        ep[i] = e;
        x = x2;
        v = v2;
      }
    }
    return new Transitions(List.of("x", "v"), List.of("u"), new boolean[] {false, false}, s, a, next, ep);
  }

  static TrainerSettings quick(long seed, int threads) {
    return new TrainerSettings(2, new int[] {32, 32}, 64, 3e-3, 0, 60, 10, 0.2, threads, seed);
  }

  @Test
  void backpropagationMatchesFiniteDifferences() {
    Network net = new Network(new int[] {3, 5, 4, 2}, 4, new SplittableRandom(1));
    double[] x = {0.3, -0.7, 1.1, -0.2, 0.5, 0.9, 0.0, 0.4, -1.3, 0.8, -0.1, 0.6};
    double[] target = {0.1, -0.2, 0.3, 0.0, -0.5, 0.2, 0.7, -0.4};
    double[] y = net.forward(x, 4).clone();
    double[] grad = new double[8];
    for (int i = 0; i < 8; i++) grad[i] = 2 * (y[i] - target[i]);
    net.backward(grad, 4);
    for (int l = 0; l < 3; l++) {
      for (int k = 0; k < net.weight[l].length; k += 3) {
        double saved = net.weight[l][k];
        double h = 1e-6;
        net.weight[l][k] = saved + h;
        double up = sq(net.forward(x, 4), target);
        net.weight[l][k] = saved - h;
        double down = sq(net.forward(x, 4), target);
        net.weight[l][k] = saved;
        assertThat(net.weightGrad[l][k]).as("layer %d weight %d", l, k).isEqualTo((up - down) / (2 * h), within(1e-6));
      }
    }
  }

  private static double sq(double[] y, double[] t) {
    double s = 0;
    for (int i = 0; i < t.length; i++) s += (y[i] - t[i]) * (y[i] - t[i]);
    return s;
  }

  @Test
  void learnsALinearSystemToSmallOneStepError() throws Exception {
    Transitions data = oscillator(20, 100, 3);
    TrainedEnsemble model = new EnsembleTrainer(quick(5, 2)).train(data, ProgressListener.NONE);
    Transitions test = oscillator(3, 100, 99);
    double worst = 0;
    for (int i = 0; i < test.count(); i++) {
      double[] s = {test.states()[2 * i], test.states()[2 * i + 1]};
      double[] p = model.predict(0, s, new double[] {test.actions()[i]});
      worst = Math.max(worst, Math.abs(p[1] - test.next()[2 * i + 1]));
      worst = Math.max(worst, Math.abs(p[0] - test.next()[2 * i]));
    }
    // Velocity changes by up to ~0.3 per step; a learned model should be within a few percent of that.
    assertThat(worst).isLessThan(0.02);
    assertThat(model.members()).allSatisfy(m -> assertThat(m.validationLoss()).isLessThan(0.01));
  }

  @Test
  void sameSeedGivesTheSameWeightsWhateverTheThreadCount() throws Exception {
    Transitions data = oscillator(6, 60, 4);
    TrainerSettings one = new TrainerSettings(2, new int[] {16}, 32, 1e-3, 1e-5, 5, 5, 0.2, 1, 11);
    TrainerSettings two = new TrainerSettings(2, new int[] {16}, 32, 1e-3, 1e-5, 5, 5, 0.2, 2, 11);
    TrainedEnsemble a = new EnsembleTrainer(one).train(data, ProgressListener.NONE);
    TrainedEnsemble b = new EnsembleTrainer(two).train(data, ProgressListener.NONE);
    for (int m = 0; m < 2; m++) {
      for (int l = 0; l < 2; l++) assertThat(a.weights().get(m)[l]).containsExactly(b.weights().get(m)[l]);
    }
    TrainedEnsemble c = new EnsembleTrainer(new TrainerSettings(2, new int[] {16}, 32, 1e-3, 1e-5, 5, 5, 0.2, 1, 12))
        .train(data, ProgressListener.NONE);
    assertThat(c.weights().get(0)[0]).isNotEqualTo(a.weights().get(0)[0]);
  }

  @Test
  void stopsEarlyAndKeepsTheBestEpoch() throws Exception {
    Transitions data = oscillator(6, 60, 4);
    int[] calls = new int[2];
    TrainerSettings s = new TrainerSettings(1, new int[] {16}, 32, 1e-3, 0, 400, 3, 0.2, 1, 2);
    TrainedEnsemble model = new EnsembleTrainer(s).train(data, (m, e, max, t, v, stopped) -> {
      calls[0]++;
      if (stopped) calls[1]++;
    });
    TrainedEnsemble.MemberResult r = model.members().getFirst();
    assertThat(calls[1]).isEqualTo(1);
    assertThat(r.epochs()).isEqualTo(calls[0]);
    assertThat(r.epochs()).isLessThanOrEqualTo(r.bestEpoch() + 3);
  }

  @Test
  void needsTwoEpisodes() {
    Transitions one = oscillator(1, 100, 1);
    assertThatThrownBy(() -> new EnsembleTrainer(quick(1, 1)).train(one, ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("training needs at least 2 episodes (one is held out for validation); got 1");
  }
}
