package dev.foresight.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoopConfig;
import dev.foresight.config.PlanningMode;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.time.SteppedClock;
import org.junit.jupiter.api.Test;

/**
 * The plan phase in both modes with a deterministic planner whose plan k of call c is 100 c + k:
 * what is applied each tick, when plans are fresh, late, or missing. 100 Hz, plan budget 6 ms.
 */
class PlanStageTest {

  private static final long PERIOD = 10_000_000L;
  private static final long BUDGET = 6_000_000L;
  private final SteppedClock clock = new SteppedClock();
  private final TestPlanner planner = new TestPlanner(5, clock);
  private final double[] state = {0.0, 0.0};
  private final double[] action = new double[1];

  private PlanStage stage(PlanningMode mode) {
    return PlanStage.create(planner, new LoopConfig(100, mode, 6.0, null, null), clock, 2, new double[] {-1.0});
  }

  /** One duty cycle of the planner agent, at the clock's time (as its runner would call it). */
  private int planOnce(AsyncPlanning async) {
    return async.doWork(clock.nanoTime());
  }

  private double tick(PlanStage stage, long tick) {
    clock.advance(tick * PERIOD - clock.nanoTime());
    stage.run(clock.nanoTime(), tick, state, action);
    stage.finish(clock.nanoTime());
    return action[0];
  }

  @Test
  void aPlainControllerRunsAsIsAndRepeatsItsLastActionWhenItThrows() {
    boolean[] fail = {false};
    Controller c = new Controller() {
      @Override
      public void compute(double[] s, double[] a) {
        if (fail[0]) throw new IllegalStateException("no");
        a[0] = 3.0;
      }

      @Override
      public String name() {
        return "c";
      }
    };
    PlanStage stage = PlanStage.create(c, LoopConfig.DEFAULT, clock, 2, new double[] {-1.0});
    stage.run(0, 1, state, action);
    assertThat(action[0]).isEqualTo(3.0);
    fail[0] = true;
    action[0] = 99;
    stage.run(0, 2, state, action);
    assertThat(action[0]).isEqualTo(3.0);
    assertThat(stage.failed()).isTrue();
    assertThat(stage.error()).isEqualTo("java.lang.IllegalStateException: no");
  }

  @Test
  void inlineAppliesStepZeroOfAFreshPlanAndWarmStartsTheNextFromItsShift() {
    PlanStage inline = stage(PlanningMode.INLINE);
    assertThat(tick(inline, 1)).isEqualTo(100);
    assertThat(tick(inline, 2)).isEqualTo(200);
    assertThat(inline.late()).isFalse();
    assertThat(planner.shifts()).isEqualTo(2);
    double[] plan = new double[inline.planSize()];
    inline.copyPlan(plan);
    assertThat(plan).containsExactly(200, 201, 202, 203, 204);
  }

  @Test
  void inlineWithoutTimeLeftAppliesThePreviousPlanShiftedByEachLateTick() {
    PlanStage inline = stage(PlanningMode.INLINE);
    assertThat(tick(inline, 1)).isEqualTo(100);
    // Sense and estimate took the whole budget: the planner gets no iteration done.
    for (long t = 2; t <= 3; t++) {
      clock.advance(t * PERIOD - clock.nanoTime());
      long start = clock.nanoTime();
      clock.advance(BUDGET + 1);
      inline.run(start, t, state, action);
      assertThat(inline.late()).isTrue();
      assertThat(action[0]).isEqualTo(100 + (t - 1));
      assertThat(inline.planAgeTicks()).isEqualTo(t - 1);
    }
    assertThat(tick(inline, 4)).as("time again: a fresh plan (call 4)").isEqualTo(400);
    assertThat(inline.late()).isFalse();
  }

  @Test
  void inlinePlannerThatRunsPastItsDeadlineIsLateButItsPlanIsUsed() {
    PlanStage inline = stage(PlanningMode.INLINE);
    planner.iterationNs = 7_000_000L;   // one iteration overshoots the 6 ms budget
    assertThat(tick(inline, 1)).isEqualTo(100);
    assertThat(inline.late()).isTrue();
  }

  @Test
  void inlinePlannerThatThrowsGetsTheLastGoodPlanAtTheStepForThisTick() {
    PlanStage inline = stage(PlanningMode.INLINE);
    planner.fails = new IllegalStateException("diverged");
    assertThat(tick(inline, 1)).as("no plan yet: the safe value").isEqualTo(-1.0);
    planner.fails = null;
    assertThat(tick(inline, 2)).isEqualTo(200);
    planner.fails = new IllegalStateException("diverged");
    assertThat(tick(inline, 3)).isEqualTo(201);
    assertThat(tick(inline, 4)).isEqualTo(202);
    assertThat(inline.failed()).isTrue();
    assertThat(inline.error()).isEqualTo("java.lang.IllegalStateException: diverged");
  }

  @Test
  void asyncAppliesTheFreshestPlanAtTheStepForTheCurrentTick() {
    AsyncPlanning async = (AsyncPlanning) stage(PlanningMode.ASYNC);
    assertThat(tick(async, 1)).as("no plan yet: the safe value").isEqualTo(-1.0);
    assertThat(async.late()).isTrue();
    assertThat(planOnce(async)).as("plans from tick 1's state").isPositive();
    assertThat(planOnce(async)).as("nothing new to plan from").isZero();
    assertThat(tick(async, 2)).as("plan 1, step for tick 2").isEqualTo(101);
    assertThat(tick(async, 3)).isEqualTo(102);
    assertThat(async.late()).isFalse();
    planOnce(async);                      // from tick 3's state, warm-started by shifting 2 steps
    assertThat(planner.shifts()).isEqualTo(2);
    assertThat(tick(async, 4)).isEqualTo(201);
  }

  @Test
  void asyncKeepsFollowingAnOldPlanToItsLastActionAndSaysItIsLate() {
    AsyncPlanning async = (AsyncPlanning) stage(PlanningMode.ASYNC);
    tick(async, 1);
    planOnce(async);
    assertThat(tick(async, 2)).isEqualTo(101);
    assertThat(tick(async, 3)).isEqualTo(102);
    assertThat(async.late()).as("age 2: within budget + one tick").isFalse();
    assertThat(tick(async, 4)).isEqualTo(103);
    assertThat(async.late()).as("age 3").isTrue();
    assertThat(tick(async, 9)).as("beyond the horizon: its last action").isEqualTo(104);
    double[] plan = new double[async.planSize()];
    async.copyPlan(plan);
    assertThat(plan).containsOnly(104.0);
  }

  @Test
  void asyncPlannerFailureIsReportedOnTheNextTickAndTheOldPlanGoesOn() {
    AsyncPlanning async = (AsyncPlanning) stage(PlanningMode.ASYNC);
    tick(async, 1);
    planOnce(async);
    tick(async, 2);
    planner.fails = new IllegalStateException("diverged");
    planOnce(async);
    assertThat(tick(async, 3)).isEqualTo(102);
    assertThat(async.failed()).isTrue();
    assertThat(async.error()).isEqualTo("java.lang.IllegalStateException: diverged");
    tick(async, 4);
    assertThat(async.failed()).as("reported once per failure").isFalse();
  }

  @Test
  void asyncPlannerThreadPlansInTheBackground() throws Exception {
    PlanStage async = stage(PlanningMode.ASYNC);
    async.start();
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      long t = 1;
      while (tick(async, t) < 100 && System.nanoTime() < deadline) {
        Thread.sleep(1);
        t++;
      }
      assertThat(action[0]).isGreaterThanOrEqualTo(100);
      assertThat(planner.calls).isPositive();
    } finally {
      async.close();
    }
  }
}
