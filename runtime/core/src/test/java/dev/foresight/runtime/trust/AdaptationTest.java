package dev.foresight.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.TrustConfig;
import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.world.WorldModel;
import dev.foresight.runtime.Allocation;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.time.SteppedClock;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The adaptation on a plant it can be checked against by hand: the model predicts {@code x + u}, the
 * plant adds a bias to theta_dot that the test turns on and off (a constant torque: what a changed
 * friction or a motor offset does). Stepped tick by tick, the learner on the
 * calling thread (as on a stepped clock).
 */
class AdaptationTest {

  static final int RATE_HZ = 20;
  static final int HORIZON = 5;
  static final double PERIOD_S = 1.0 / RATE_HZ;

  /** x' = x + u for any batch (the learner's horizon check needs batch 2 x WINDOWS). */
  static final class Adder implements WorldModel {
    final int batch;

    Adder(int batch) {
      this.batch = batch;
    }

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
      return batch;
    }

    @Override
    public int members() {
      return 1;
    }

    @Override
    public void step(float[] state, float[] action, float[] next, float[] members) {
      for (int i = 0; i < 2 * batch; i++) next[i] = state[i] + action[i];
    }
  }

  /** The stage, its adaptation and a plant x' = x + u + (0, bias), stepped together. */
  static final class Rig implements AutoCloseable {
    final EventLog events = new EventLog(256, 0);
    final TrustStage stage;
    final Adaptation adaptation;
    final SplittableRandom random = new SplittableRandom(7);
    final double[] x = {0.1, 0.0};
    final double[] u = new double[2];
    final double[] predicted = new double[2];
    final double[] spread = new double[2];
    double bias;
    long tick;
    /** theta_dot minus its prediction, at the latest tick that had one. */
    double error;

    Rig(TrustConfig.Adaptation settings) {
      stage = new TrustStage(new Adder(1), "adder", TrustStageTest.monitor(), TrustStageTest.NAMES,
          TrustStageTest.WRAPPED, 2);
      ResidualCorrection empty = new ResidualCorrection(TrustStageTest.WRAPPED, 2, ResidualCorrection.Settings.of(settings));
      adaptation = Adaptation.create(new Adder(2 * Learner.WINDOWS), TrustStageTest.WRAPPED, 2, new double[] {0.01, 0.1},
          settings, RATE_HZ, HORIZON, true, new SteppedClock(), events, empty);
      stage.adaptWith(adaptation);
    }

    /** One tick: compare, adapt, act (small random actions: excitation), predict, then the plant steps. */
    void tick() {
      tick++;
      long now = tick * 50_000_000L;
      if (stage.compare(tick, x, predicted, spread)) error = x[1] - predicted[1];
      stage.adapt(now, tick);
      // Small random actions (excitation) that keep the state near its start.
      u[0] = 0.02 * (random.nextDouble() - 0.5) - 0.2 * (x[0] - 0.1);
      u[1] = 0.2 * (random.nextDouble() - 0.5) - 0.2 * x[1];
      stage.predict(tick, x, u);
      x[0] = x[0] + u[0];
      x[1] = x[1] + u[1] + bias;
    }

    List<Event> events(EventKind kind) {
      return events.recent(256).stream().filter(e -> e.kind() == kind).toList();
    }

    @Override
    public void close() {
      stage.close();
    }
  }

  static TrustConfig.Adaptation settings() {
    return TrustConfig.Adaptation.DEFAULT.withEnabled(true);
  }

  @Test
  void aChangedPlantIsLearnedSwappedInAfterTheShadowAndRolledBackWhenAnAlarmFollows() {
    try (Rig rig = new Rig(settings())) {
      for (int t = 0; t < 200; t++) rig.tick();
      assertThat(rig.adaptation.swaps()).as("the model is right: nothing to swap").isZero();
      assertThat(rig.stage.alarms()).isZero();

      rig.bias = 0.5;   // theta_dot now 5 residual scales off per tick: the monitor alarms within a few ticks
      long changed = rig.tick;
      while (rig.adaptation.swaps() == 0 && rig.tick < changed + 400) rig.tick();
      assertThat(rig.adaptation.swaps()).as("the gate passed the correction").isEqualTo(1);
      assertThat(rig.stage.alarms()).as("the change was detected first").isPositive();
      double swapAfterS = (rig.tick - changed) * PERIOD_S;
      assertThat(swapAfterS).as("seconds from the change to the swap: shadow 1 s, window 2 s, horizon 5 ticks")
          .isBetween(1.0, 5.0);
      assertThat(rig.stage.correctionVersion()).isEqualTo(1);
      assertThat(rig.adaptation.published().version()).isEqualTo(1);
      Event swap = rig.events(EventKind.MODEL_SWAP).getFirst();
      assertThat(swap.cause()).isEqualTo(Cause.ADAPTATION);
      assertThat(swap.count()).isEqualTo(1);
      assertThat(swap.message()).startsWith("model correction v1 plans now (from v0 after ")
          .contains("held-out 1-step error", "5-step", "nominal", "errors in calibrated residual scales");

      // The corrected prediction is right: no alarm for the next half second (the next candidate is in
      // its shadow meanwhile), and the one-step error is small.
      long alarms = rig.stage.alarms();
      double worst = 0;
      for (int t = 0; t < 10; t++) {
        rig.tick();
        worst = Math.max(worst, Math.abs(rig.error));
      }
      assertThat(rig.adaptation.swaps()).isEqualTo(1);
      assertThat(rig.stage.alarms()).isEqualTo(alarms);
      assertThat(worst).as("one-step theta_dot error with the correction (0.5 without)").isLessThan(0.05);

      rig.bias = 0;   // the plant changes back: the correction is now the one that is wrong
      long back = rig.tick;
      while (rig.adaptation.rollbacks() == 0 && rig.tick < back + 100) rig.tick();
      assertThat(rig.adaptation.rollbacks()).isEqualTo(1);
      assertThat(rig.stage.correctionVersion()).as("the previous version (the model alone) plans again").isZero();
      assertThat(rig.adaptation.published().version()).isZero();
      Event rollback = rig.events(EventKind.MODEL_ROLLBACK).getFirst();
      assertThat(rollback.count()).isZero();
      assertThat(rollback.subject()).isEqualTo("theta_dot");
      assertThat(rollback.message()).startsWith("model correction rolled back to v0: model_untrusted theta_dot ")
          .contains("0.7000 s after the swap (window 5.000 s; leaving v1)");
    }
  }

  @Test
  void anAlarmAfterTheRollbackWindowDoesNotRollBack() {
    try (Rig rig = new Rig(new TrustConfig.Adaptation(true, null, null, null, null, null, null, null, null, 0.5))) {
      for (int t = 0; t < 200; t++) rig.tick();
      rig.bias = 0.5;
      long changed = rig.tick;
      while (rig.adaptation.swaps() == 0 && rig.tick < changed + 400) rig.tick();
      assertThat(rig.adaptation.swaps()).isEqualTo(1);
      for (int t = 0; t < 12; t++) rig.tick();   // 0.6 s: past the 0.5 s window, within the next shadow
      rig.bias = 0;
      long alarms = rig.stage.alarms();
      for (int t = 0; t < 6 && rig.stage.alarms() == alarms; t++) rig.tick();
      assertThat(rig.stage.alarms()).as("the correction is wrong now").isGreaterThan(alarms);
      assertThat(rig.adaptation.rollbacks()).isZero();
      assertThat(rig.stage.correctionVersion()).isEqualTo(1);
    }
  }

  @Test
  void onAnUnchangedPlantNothingIsSwappedInAndEveryThirdTickIsHeldOut() {
    try (Rig rig = new Rig(settings())) {
      for (int t = 0; t < 600; t++) rig.tick();
      assertThat(rig.adaptation.swaps()).isZero();
      assertThat(rig.adaptation.learner().lastCheck().refused).isNotEmpty();
      assertThat(rig.adaptation.learner().learned()).as("two of three ticks learned from").isBetween(390L, 410L);
      assertThat(rig.adaptation.learner().heldOut()).isBetween(190L, 210L);
    }
  }

  @Test
  void handingTicksOverAndLearningAllocateNothing() {
    // The learner runs on its own thread in production; here it is stepped on this thread every 100
    // ticks, so the control side's hand-over and the learner's RLS and gate checks are both counted.
    TrustConfig.Adaptation s = settings();
    ResidualCorrection empty = new ResidualCorrection(TrustStageTest.WRAPPED, 2, ResidualCorrection.Settings.of(s));
    EventLog events = new EventLog(256, 0);
    try (TrustStage stage = new TrustStage(new Adder(1), "adder", TrustStageTest.monitor(), TrustStageTest.NAMES,
        TrustStageTest.WRAPPED, 2)) {
      Adaptation adaptation = Adaptation.create(new Adder(2 * Learner.WINDOWS), TrustStageTest.WRAPPED, 2,
          new double[] {0.01, 0.1}, s, RATE_HZ, HORIZON, false, new SteppedClock(), events, empty);
      stage.adaptWith(adaptation);
      double[] x = {0.1, 0.2};
      double[] u = {0.01, 0.1};
      double[] predicted = new double[2];
      double[] spread = new double[2];
      long[] tick = {0};
      Runnable work = () -> {
        for (int i = 0; i < 400; i++) {
          tick[0]++;
          stage.compare(tick[0], x, predicted, spread);
          stage.adapt(tick[0] * 50_000_000L, tick[0]);
          stage.predict(tick[0], x, u);
          if (tick[0] % 100 == 0) adaptation.learner().doWork(0);
        }
      };
      for (int i = 0; i < 50; i++) work.run();
      long bytes = Allocation.smallestOfThree(work);
      assertThat(bytes).isZero();
      assertThat(adaptation.dropped()).as("the ring held the ticks between drains").isZero();
      assertThat(adaptation.learner().learned()).isPositive();
    }
  }
}
