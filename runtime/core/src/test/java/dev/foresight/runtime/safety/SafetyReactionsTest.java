package dev.foresight.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.control.Controller;
import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.Rig;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.Response;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.plan.TestPlanner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault the supervisor reacts to, on the stepped clock (100 Hz, 10 ms ticks): the reaction, and
 * the number of ticks from the fault to it. The rig's PID asks for 2 V while theta reads 0; safe is 0 V.
 */
class SafetyReactionsTest {

  @TempDir Path dir;

  /** A controller that asks for {@code value}, or throws while {@code fails} is set. */
  static final class Scripted implements Controller {
    volatile double value = 2.0;
    volatile boolean fails;

    @Override
    public void compute(double[] state, double[] action) {
      if (fails) throw new IllegalStateException("planner crashed");
      action[0] = value;
    }

    @Override
    public String name() {
      return "scripted";
    }
  }

  private static final String FALLBACK = """
        fallback: {type: pid, loops: [{action: voltage, state: theta, target: 0.5, kp: 1.0}]}
      """;

  // ---------------------------------------------------------------- sensors

  @Test
  @FaultCell(fault = "sensor_invalid", reaction = "NaN reading: safe stop", ticks = "1")
  void aNanReadingStopsInTheSameTick() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      assertThat(rig.ticks(3).applied[0]).isEqualTo(2.0);
      rig.newEvents();
      rig.io.set("pivot.angle", Double.NaN);

      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.io.lastAction[0]).isZero();
      assertThat(rig.robot.safety().reason()).isEqualTo("sensor_invalid pivot.angle");
      List<Event> events = rig.newEvents();
      assertThat(events).extracting(Event::kind).containsExactly(EventKind.FAULT, EventKind.SAFE_STOP);
      assertThat(events.getFirst().message()).isEqualTo("fault: sensor invalid pivot.angle (not finite) -> safe_stop");
    }
  }

  @Test
  @FaultCell(fault = "sensor_invalid", reaction = "sensor not answering: safe stop", ticks = "1")
  void aSensorThatDoesNotAnswerStopsInTheSameTick() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      rig.io.status("pivot.angle", Status.NO_RESPONSE);
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.newEvents()).filteredOn(e -> e.kind() == EventKind.FAULT).singleElement()
          .satisfies(e -> assertThat(e.detail()).isEqualTo("no_response"));
    }
  }

  @Test
  @FaultCell(fault = "sensor_stale", reaction = "safe stop once the last fresh sample is 50 ms old", ticks = "5 (the 50 ms threshold)")
  void aStaleSensorStopsOnceItsLastSampleIsOlderThanTheStaleThreshold() throws Exception {
    // Default threshold: max(50 ms, 3 periods) = 50 ms. The last fresh sample is one tick before the
    // first stale one, so the fifth stale tick is 50 ms old.
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      rig.io.status("pivot.angle", Status.STALE);
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 20)).isEqualTo(5);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.newEvents()).filteredOn(e -> e.kind() == EventKind.FAULT).singleElement()
          .satisfies(e -> assertThat(e.message()).isEqualTo(
              "fault: sensor stale pivot.angle = 50.00 (limit 50.00) -> safe_stop"));
    }
  }

  @Test
  @FaultCell(fault = "sensor_out_of_range", reaction = "safe stop", ticks = "1")
  void anOutOfRangeReadingStopsInTheSameTick() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      rig.io.set("pivot.angle", 3.5);   // theta's range is -3..3
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.robot.safety().reason()).isEqualTo("sensor_out_of_range theta");
      assertThat(rig.last().applied[0]).isZero();
    }
  }

  @Test
  @FaultCell(fault = "sensor_stuck", reaction = "safe stop (stuck_after_ms: 100)", ticks = "10 (the 100 ms threshold)")
  void aStuckSensorStopsAfterTheStuckTime() throws Exception {
    try (Rig rig = Rig.of(dir, "  sensors: {stuck_after_ms: 100}\n").armed()) {
      for (int i = 1; i <= 5; i++) {
        rig.io.set("pivot.angle", 0.01 * i);
        rig.tick();
      }
      assertThat(rig.mode()).isEqualTo(Mode.ARMED);
      // The reading stays 0.05 from the fifth tick: stuck once it is 100 ms old, ten ticks later.
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 30)).isEqualTo(10);
      assertThat(rig.robot.safety().reason()).isEqualTo("sensor_stuck pivot.angle");
    }
  }

  @Test
  @FaultCell(fault = "sensor_stale", reaction = "ladder warn, hold (20 ms), safe stop (50 ms): each rung on time", ticks = "1 / 3 / 6")
  void aLadderWarnsThenHoldsThenStopsAsTheFaultPersists() throws Exception {
    String ladder = """
          ladder:
            sensor_stale: [{reaction: warn}, {reaction: hold, after_ms: 20}, {reaction: safe_stop, after_ms: 50}]
        """;
    Scripted controller = new Scripted();
    try (Rig rig = Rig.of(dir, ladder, controller).armed()) {
      rig.ticks(2);
      rig.io.status("pivot.angle", Status.STALE);
      rig.ticks(4);                    // 10..40 ms old: not yet stale (threshold 50 ms)
      rig.newEvents();
      controller.value = 5.0;
      assertThat(rig.tick().reaction).as("50 ms: stale, warn").isEqualTo(Response.WARN);
      assertThat(rig.last().applied[0]).as("warn lets actions through").isEqualTo(5.0);
      controller.value = 7.0;
      assertThat(rig.tick().reaction).isEqualTo(Response.WARN);
      assertThat(rig.tick().reaction).as("20 ms into the fault: hold").isEqualTo(Response.HOLD);
      assertThat(rig.last().applied[0]).as("the last good command is held").isEqualTo(7.0);
      controller.value = 9.0;
      assertThat(rig.tick().applied[0]).isEqualTo(7.0);
      assertThat(rig.ticks(2).mode).as("50 ms into the fault: safe stop").isEqualTo(Mode.SAFE_STOP);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.newEventKinds()).containsExactly(EventKind.FAULT, EventKind.ESCALATED, EventKind.ESCALATED,
          EventKind.SAFE_STOP);
    }
  }

  @Test
  @FaultCell(fault = "sensor_invalid", reaction = "flapping (hold, safe stop after 60 ms): still escalates", ticks = "7")
  void holdEndsAsSoonAsTheSensorIsBackButAFlappingFaultStillEscalates() throws Exception {
    String ladder = """
          recover_after_ms: 30
          ladder:
            sensor_invalid: [{reaction: hold}, {reaction: safe_stop, after_ms: 60}]
        """;
    try (Rig rig = Rig.of(dir, ladder).armed()) {
      rig.ticks(2);
      rig.io.set("pivot.angle", Double.NaN);
      assertThat(rig.tick().reaction).isEqualTo(Response.HOLD);
      rig.io.set("pivot.angle", 0.0);
      assertThat(rig.tick().reaction).as("good data again: no hold").isEqualTo(Response.NONE);
      int ticks = 2;
      while (rig.mode() == Mode.ARMED && ticks < 20) {
        rig.io.set("pivot.angle", ticks % 2 == 0 ? Double.NaN : 0.0);
        rig.tick();
        ticks++;
      }
      assertThat(ticks).as("ticks from the first NaN to the stop: 60 ms, the fault never recovered").isEqualTo(7);
      assertThat(rig.mode()).isEqualTo(Mode.SAFE_STOP);
    }
  }

  @Test
  @FaultCell(fault = "sensor_invalid", reaction = "while disarmed: arming refused with the reason", ticks = "-")
  void aFaultWhileDisarmedBlocksArmingWithTheReason() throws Exception {
    try (Rig rig = Rig.of(dir, "")) {
      rig.io.set("pivot.angle", Double.NaN);
      rig.tick();
      assertThat(rig.mode()).as("disarmed robots do not latch").isEqualTo(Mode.DISARMED);
      rig.newEvents();
      assertThat(rig.robot.safety().arm("test")).isFalse();
      assertThat(rig.newEvents()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(EventKind.REFUSED);
        assertThat(e.detail()).isEqualTo("arm: sensor_invalid pivot.angle needs a safe stop; fix it first");
      });
      rig.io.set("pivot.angle", 0.0);
      rig.tick();
      assertThat(rig.robot.safety().arm("test")).as("%s", rig.newEvents()).isTrue();
    }
  }

  // ---------------------------------------------------------------- actuators

  @Test
  @FaultCell(fault = "actuator_write", reaction = "safe stop, safe() in the same tick", ticks = "1")
  void aFailedActuatorWriteStopsAndMakesOutputsSafeInTheSameTick() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      int safeBefore = rig.io.safeCalls.get();
      rig.io.actStatus[0] = Status.NO_RESPONSE;
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.io.safeCalls.get()).isGreaterThan(safeBefore);
      assertThat(rig.robot.safety().reason()).isEqualTo("actuator_write voltage");
      assertThat(rig.tick().applied[0]).isZero();
    }
  }

  @Test
  @FaultCell(fault = "tick_error", reaction = "actuator throwing: safe stop, the loop keeps ticking", ticks = "1")
  void anActuatorThatThrowsIsATickErrorTheLoopSurvives() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      rig.io.actThrows = new IllegalStateException("i2c bus error");
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.robot.safety().reason()).isEqualTo("tick_error act: java.lang.IllegalStateException: i2c bus error");
      assertThat(rig.io.lastAction[0]).as("outputs made safe").isZero();
      rig.io.actThrows = null;
      assertThat(rig.ticks(3).tick).as("the loop keeps ticking").isEqualTo(6);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.robot.loop().metrics().tickErrors()).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------- planner

  @Test
  @FaultCell(fault = "planner_error", reaction = "safe stop (no fallback)", ticks = "1")
  void aPlannerExceptionStopsInTheSameTickWithoutAFallback() throws Exception {
    Scripted controller = new Scripted();
    try (Rig rig = Rig.of(dir, "", controller).armed()) {
      rig.ticks(2);
      controller.fails = true;
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.newEvents()).filteredOn(e -> e.kind() == EventKind.FAULT).singleElement()
          .satisfies(e -> assertThat(e.detail()).isEqualTo("java.lang.IllegalStateException: planner crashed"));
    }
  }

  @Test
  @FaultCell(fault = "planner_error", reaction = "fallback, back to the primary 50 ms after recovery", ticks = "1 (5 back)")
  void aPlannerExceptionHandsOverToTheFallbackAndBackOnlyAfterTheRecoveryTime() throws Exception {
    Scripted controller = new Scripted();
    try (Rig rig = Rig.of(dir, FALLBACK + "  recover_after_ms: 50\n", controller).armed()) {
      rig.ticks(2);
      controller.fails = true;
      assertThat(rig.ticksUntil(() -> rig.last().fallback, 10)).isEqualTo(1);
      assertThat(rig.last().applied[0]).as("fallback pid: 1.0 * (0.5 - 0)").isEqualTo(0.5);
      assertThat(rig.ticks(5).applied[0]).isEqualTo(0.5);
      controller.fails = false;
      // Healthy again, but the fallback keeps the robot for 50 ms (hysteresis) before the primary returns.
      assertThat(rig.ticksUntil(() -> !rig.last().fallback, 20)).isEqualTo(5);
      assertThat(rig.last().applied[0]).isEqualTo(2.0);
      assertThat(rig.mode()).isEqualTo(Mode.ARMED);
      assertThat(rig.newEventKinds()).containsSubsequence(EventKind.FAULT, EventKind.FALLBACK, EventKind.RECOVERED,
          EventKind.PRIMARY);
    }
  }

  @Test
  @FaultCell(fault = "planner_overrun", reaction = "shifted previous plan applied, warn, safe stop after 500 ms", ticks = "1 / 51")
  void aLatePlanAppliesTheShiftedPreviousPlanWarnsAndStopsWhenItStaysLate() throws Exception {
    // Default ladder without a fallback: warn, then safe stop after 500 ms of late plans.
    TestPlanner planner = new TestPlanner(100, null);
    try (Rig rig = Rig.of(dir, "", planner)) {
      planner.clock = rig.clock;
      planner.scale = 1.0;
      planner.step = 0.01;
      rig.armed();
      assertThat(rig.tick().applied[0]).isEqualTo(1.0);
      rig.newEvents();
      rig.io.senseTakesNs = 7_000_000L;   // sensing eats the 6 ms plan budget from now on
      assertThat(rig.tick().applied[0]).as("the previous plan, one step on").isEqualTo(1.01);
      assertThat(rig.last().reaction).isEqualTo(Response.WARN);
      assertThat(rig.tick().applied[0]).isEqualTo(1.02);
      assertThat(rig.newEvents()).singleElement().satisfies(e -> {
        assertThat(e.cause()).isEqualTo(Cause.PLANNER_OVERRUN);
        assertThat(e.response()).isEqualTo(Response.WARN);
      });
      int ticks = rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 100);
      assertThat(ticks + 2).as("ticks from the first late plan to the stop: 500 ms").isEqualTo(51);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.robot.loop().metrics().snapshot().plansLate()).isEqualTo(51);
    }
  }

  @Test
  @FaultCell(fault = "action_invalid", reaction = "NaN from the fallback: the last good command held", ticks = "1")
  void aFallbackThatProducesNanHoldsTheLastGoodCommandInstead() throws Exception {
    // The fallback PID sees a state that was never valid (NaN from the first tick) and answers NaN.
    Scripted controller = new Scripted();
    String ladder = FALLBACK + """
          ladder:
            sensor_invalid: [{reaction: warn}]
        """;
    try (Rig rig = Rig.of(dir, ladder, controller)) {
      rig.io.set("pivot.angle", Double.NaN);
      controller.fails = true;
      rig.tick();
      rig.armed();
      for (int i = 0; i < 3; i++) {
        assertThat(rig.tick().fallback).isTrue();
        assertThat(rig.last().applied[0]).as("held: the safe value, the last good command since arming").isZero();
      }
      // With a good reading again the fallback drives: 1.0 * (0.5 - 0).
      rig.io.set("pivot.angle", 0.0);
      assertThat(rig.tick().applied[0]).isEqualTo(0.5);
    }
  }

  @Test
  @FaultCell(fault = "action_invalid", reaction = "never applied; safe stop", ticks = "1")
  void aNanActionIsNeverAppliedAndStopsInTheSameTick() throws Exception {
    Scripted controller = new Scripted();
    try (Rig rig = Rig.of(dir, "", controller).armed()) {
      rig.ticks(2);
      controller.value = Double.NaN;
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.robot.safety().reason()).isEqualTo("action_invalid voltage");
    }
  }

  @Test
  @FaultCell(fault = "action_invalid", reaction = "hold, then safe stop", ticks = "1")
  void aNanActionHoldsTheLastGoodCommandWhenTheLadderSaysHold() throws Exception {
    Scripted controller = new Scripted();
    String ladder = """
          ladder:
            action_invalid: [{reaction: hold}, {reaction: safe_stop, after_ms: 30}]
        """;
    try (Rig rig = Rig.of(dir, ladder, controller).armed()) {
      rig.ticks(2);
      controller.value = Double.NaN;
      for (int i = 0; i < 3; i++) assertThat(rig.tick().applied[0]).isEqualTo(2.0);
      assertThat(rig.tick().mode).as("30 ms later").isEqualTo(Mode.SAFE_STOP);
      assertThat(rig.last().applied[0]).isZero();
    }
  }

  // ---------------------------------------------------------------- envelope

  @Test
  @FaultCell(fault = "envelope", reaction = "safe stop", ticks = "1")
  void leavingTheEnvelopeStopsInTheSameTick() throws Exception {
    String envelope = "  envelope: [{variable: theta, min: -1.0, max: 1.0, reaction: safe_stop}]\n";
    try (Rig rig = Rig.of(dir, envelope).armed()) {
      rig.io.set("pivot.angle", 0.95);
      rig.ticks(20);
      rig.io.set("pivot.angle", 1.05);
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.SAFE_STOP, 10)).isEqualTo(1);
      assertThat(rig.robot.safety().reason()).isEqualTo("envelope theta");
      assertThat(rig.newEvents()).filteredOn(e -> e.kind() == EventKind.FAULT).singleElement()
          .satisfies(e -> assertThat(e.message()).isEqualTo("fault: envelope theta = 1.050 (limit 1.000) -> safe_stop"));
    }
  }

  @Test
  @FaultCell(fault = "envelope", reaction = "fallback while outside", ticks = "1")
  void anEnvelopeWithTheFallbackReactionDrivesWithTheFallbackWhileOutside() throws Exception {
    String envelope = FALLBACK + "  recover_after_ms: 0\n"
        + "  envelope: [{variable: theta, min: -1.0, max: 1.0, reaction: fallback}]\n";
    try (Rig rig = Rig.of(dir, envelope).armed()) {
      rig.io.set("pivot.angle", 0.95);
      rig.ticks(20);
      rig.io.set("pivot.angle", 1.05);
      assertThat(rig.tick().fallback).isTrue();
      assertThat(rig.last().applied[0]).as("fallback: 1.0 * (0.5 - 1.05)").isEqualTo(-0.55, org.assertj.core.api.Assertions.within(1e-12));
      rig.io.set("pivot.angle", 0.9);
      assertThat(rig.tick().fallback).isFalse();
      assertThat(rig.last().applied[0]).as("primary: 2 * (1 - 0.9)").isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
      assertThat(rig.mode()).isEqualTo(Mode.ARMED);
    }
  }

  // ---------------------------------------------------------------- e-stop and arming

  @Test
  @FaultCell(fault = "estop_command", reaction = "outputs safe before the command returns, on the caller's thread", ticks = "0")
  void anEstopCommandWhileMovingMakesOutputsSafeBeforeItReturns() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(3);
      rig.newEvents();
      assertThat(rig.io.lastAction[0]).isEqualTo(2.0);
      Thread operator = Thread.ofPlatform().start(() -> rig.robot.safety().estop("mqtt", "operator"));
      operator.join();
      assertThat(rig.io.lastAction[0]).as("safe before the next tick").isZero();
      assertThat(rig.io.lastSafeThread).as("made safe on the operator's thread").isSameAs(operator);
      assertThat(rig.mode()).isEqualTo(Mode.ESTOP);
      assertThat(rig.tick().applied[0]).as("and kept safe by the next tick").isZero();
      assertThat(rig.newEvents()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(EventKind.ESTOP);
        assertThat(e.message()).isEqualTo("e-stop: command mqtt (operator) -> estop");
      });
    }
  }

  @Test
  @FaultCell(fault = "estop_input", reaction = "e-stop; reset waits for the release", ticks = "1")
  void theEstopInputLatchesInTheSameTickAndResetWaitsForItsRelease() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      rig.io.set("estop_button.active", 1.0);
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.ESTOP, 10)).isEqualTo(1);
      assertThat(rig.last().applied[0]).isZero();
      assertThat(rig.robot.safety().reason()).isEqualTo("estop_input estop_button.active");
      assertThat(rig.robot.safety().reset("test")).as("still pressed").isFalse();
      rig.io.set("estop_button.active", 0.0);
      rig.tick();
      assertThat(rig.robot.safety().reset("test")).isTrue();
      assertThat(rig.mode()).isEqualTo(Mode.DISARMED);
      assertThat(rig.robot.safety().arm("test")).isTrue();
      assertThat(rig.tick().applied[0]).isEqualTo(2.0);
    }
  }

  @Test
  @FaultCell(fault = "estop_input", reaction = "unreadable input: e-stop", ticks = "1")
  void anUnreadableEstopInputCountsAsPressed() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.tick();
      rig.io.status("estop_button.active", Status.NO_RESPONSE);
      assertThat(rig.ticksUntil(() -> rig.mode() == Mode.ESTOP, 10)).isEqualTo(1);
    }
  }

  @Test
  @FaultCell(fault = "estop_command", reaction = "arm while e-stopped: refused with the reason", ticks = "-")
  void armingWhileEstoppedIsRefusedUntilReset() throws Exception {
    try (Rig rig = Rig.of(dir, "")) {
      rig.robot.safety().estop("cli", "");
      rig.newEvents();
      assertThat(rig.robot.safety().arm("cli")).isFalse();
      assertThat(rig.robot.safety().lastRefusal()).isEqualTo("arm: estop is latched (command cli); reset first");
      assertThat(rig.mode()).isEqualTo(Mode.ESTOP);
      assertThat(rig.newEvents()).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(EventKind.REFUSED);
        assertThat(e.response()).isEqualTo(Response.REFUSED);
        assertThat(e.detail()).isEqualTo("arm: estop is latched (command cli); reset first");
      });
      assertThat(rig.tick().applied[0]).isZero();
      assertThat(rig.robot.safety().reset("cli")).isTrue();
      assertThat(rig.robot.safety().arm("cli")).isTrue();
      assertThat(rig.tick().applied[0]).isEqualTo(2.0);
    }
  }

  @Test
  void outputsStaySafeUntilArmedAndReturnToSafeWhenDisarmed() throws Exception {
    try (Rig rig = Rig.of(dir, "")) {
      assertThat(rig.ticks(5).applied[0]).isZero();
      rig.armed();
      assertThat(rig.tick().applied[0]).isEqualTo(2.0);
      rig.robot.safety().disarm("test");
      assertThat(rig.tick().applied[0]).isZero();
      assertThat(rig.newEventKinds()).containsExactly(EventKind.ARMED, EventKind.DISARMED);
    }
  }

  // ---------------------------------------------------------------- watchdog

  @Test
  @FaultCell(fault = "watchdog_stall", reaction = "e-stop from the watchdog one check after the timeout", ticks = "101 ms for 100 ms (stepped)")
  void theWatchdogTripsWhenNoTickStartedForTheTimeout() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(3);
      long timeoutNs = 100_000_000L;
      Watchdog watchdog = new Watchdog(rig.robot.safety(), rig.clock, timeoutNs, 10, rig.robot.loop()::lastTickNs,
          () -> 0, () -> true, 0);
      rig.newEvents();
      rig.clock.advance(timeoutNs);    // the loop stalls
      assertThat(watchdog.check(rig.clock.nanoTime())).as("exactly the timeout: not yet").isFalse();
      rig.clock.advance(1_000_000L);
      assertThat(watchdog.check(rig.clock.nanoTime())).isTrue();
      assertThat(rig.mode()).isEqualTo(Mode.ESTOP);
      assertThat(rig.io.lastAction[0]).isZero();
      assertThat(rig.io.lastSafeThread).isSameAs(Thread.currentThread());
      // The actuator's own expiry (default 100 ms here) runs out in the same check, and goes first.
      assertThat(rig.newEvents()).extracting(Event::message).containsExactly(
          "watchdog: actuator expired voltage = 101.0 (limit 100.0) (output safe)",
          "watchdog: watchdog stall loop = 101.0 (limit 100.0) -> estop");
      assertThat(rig.tick().applied[0]).as("the loop resumes, outputs stay safe").isZero();
      assertThat(watchdog.trips()).isEqualTo(1);
    }
  }

  @Test
  @FaultCell(fault = "actuator_expired", reaction = "that output safe from the watchdog, nothing latched; fed again by the next write", ticks = "41 ms for 40 ms (stepped)")
  void anActuatorNotWrittenForItsExpiryGoesSafeFromTheWatchdogWithoutLatching() throws Exception {
    // Expiry 40 ms on the voltage actuator; the loop watchdog waits 500 ms.
    String yaml = Rig.yaml("  watchdog_timeout_ms: 500\n").replace("target: motor}", "target: motor, expiry_ms: 40}");
    try (Rig rig = Rig.ofYaml(dir, yaml, null).armed()) {
      assertThat(rig.ticks(3).applied[0]).isEqualTo(2.0);
      Watchdog watchdog = new Watchdog(rig.robot.safety(), rig.clock, 500_000_000L, 50, rig.robot.loop()::lastTickNs,
          () -> 0, () -> true, 0);
      rig.newEvents();
      rig.clock.advance(40_000_000L);   // the loop stalls: no write for exactly the expiry
      assertThat(watchdog.check(rig.clock.nanoTime())).isFalse();
      assertThat(rig.io.lastAction[0]).as("40 ms: not expired yet").isEqualTo(2.0);
      rig.clock.advance(1_000_000L);
      assertThat(watchdog.check(rig.clock.nanoTime())).as("the loop watchdog has not tripped").isFalse();
      assertThat(rig.io.lastAction[0]).as("41 ms: expired, output safe").isZero();
      assertThat(rig.io.actuatorSafeCalls.get()).isEqualTo(1);
      assertThat(rig.io.lastActuatorSafeThread).isSameAs(Thread.currentThread());
      assertThat(rig.mode()).as("an expiry makes the output safe; it latches nothing").isEqualTo(Mode.ARMED);
      assertThat(rig.newEvents()).singleElement().satisfies(e -> {
        assertThat(e.cause()).isEqualTo(Cause.ACTUATOR_EXPIRED);
        assertThat(e.message()).isEqualTo("watchdog: actuator expired voltage = 41.00 (limit 40.00) (output safe)");
      });
      rig.clock.advance(10_000_000L);
      watchdog.check(rig.clock.nanoTime());
      assertThat(rig.io.actuatorSafeCalls.get()).as("once per expiry").isEqualTo(1);
      assertThat(rig.robot.safety().expiry().expiries()).isEqualTo(1);

      // Written again, the actuator is fed again (as a MotorSafety motor that is set again).
      assertThat(rig.tick().applied[0]).isEqualTo(2.0);
      assertThat(rig.io.lastAction[0]).isEqualTo(2.0);
      assertThat(watchdog.check(rig.clock.nanoTime())).isFalse();
      assertThat(rig.io.actuatorSafeCalls.get()).isEqualTo(1);
    }
  }

  @Test
  @FaultCell(fault = "actuator_expired", reaction = "failed writes do not feed the expiry", ticks = "5 (40 ms)")
  void aFailedWriteDoesNotFeedTheExpiry() throws Exception {
    String yaml = Rig.yaml("  watchdog_timeout_ms: 500\n  ladder:\n    actuator_write: [{reaction: warn}]\n")
        .replace("target: motor}", "target: motor, expiry_ms: 40}");
    try (Rig rig = Rig.ofYaml(dir, yaml, null).armed()) {
      Watchdog watchdog = new Watchdog(rig.robot.safety(), rig.clock, 500_000_000L, 50, rig.robot.loop()::lastTickNs,
          () -> 0, () -> true, 0);
      rig.ticks(2);
      rig.io.actStatus[0] = Status.NO_RESPONSE;   // the driver keeps failing: the output is not written
      // The watchdog checks after every tick; the last good write is 40 ms old on the fourth failing
      // tick, older on the fifth.
      int expiredAt = rig.ticksUntil(() -> {
        watchdog.check(rig.clock.nanoTime());
        return rig.io.actuatorSafeCalls.get() > 0;
      }, 20);
      assertThat(expiredAt).isEqualTo(5);
      assertThat(rig.mode()).isEqualTo(Mode.ARMED);
    }
  }

  @Test
  @FaultCell(fault = "watchdog_deadlines", reaction = "e-stop at the configured count", ticks = "-")
  void theWatchdogTripsOnConsecutiveMissedDeadlines() throws Exception {
    try (Rig rig = Rig.of(dir, "").armed()) {
      rig.ticks(2);
      long[] missed = {0};
      Watchdog watchdog = new Watchdog(rig.robot.safety(), rig.clock, 100_000_000L, 5, rig.robot.loop()::lastTickNs,
          () -> missed[0], () -> true, 0);
      missed[0] = 4;
      assertThat(watchdog.check(rig.clock.nanoTime())).isFalse();
      missed[0] = 5;
      assertThat(watchdog.check(rig.clock.nanoTime())).isTrue();
      assertThat(rig.robot.safety().stopCause()).isEqualTo(Cause.WATCHDOG_DEADLINES);
      assertThat(rig.io.lastAction[0]).isZero();
    }
  }
}
