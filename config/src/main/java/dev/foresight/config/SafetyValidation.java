package dev.foresight.config;

import static dev.foresight.config.ConfigValidator.number;

import java.util.List;
import java.util.function.BiConsumer;

/** Checks of the safety section's watchdog, sensor-health, recovery and ladder settings. */
final class SafetyValidation {

  private SafetyValidation() {}

  static void check(SafetyConfig safety, long periodNs, BiConsumer<String, String> problem) {
    int misses = safety.watchdogMissedDeadlines();
    if (misses != 0 && (misses < 2 || misses > 100_000)) {
      problem.accept("safety.watchdog_missed_deadlines", misses + " is out of range (2..100000; 0 means as many "
          + "periods as fit in the watchdog timeout)");
    }
    SensorHealthConfig sensors = safety.sensors();
    milliseconds(problem, "safety.sensors.stale_after_ms", sensors.staleAfterMs(), 10_000, "0 means max(50 ms, 3 periods)");
    milliseconds(problem, "safety.sensors.stuck_after_ms", sensors.stuckAfterMs(), 600_000, "0 turns the check off");
    milliseconds(problem, "safety.recover_after_ms", safety.recoverAfterMs(), 60_000, "0 ends a reaction at once");
    milliseconds(problem, "safety.link_loss.heartbeat_timeout_ms", safety.linkLoss().heartbeatTimeoutMs(), 60_000,
        "0 judges the MQTT connection only");
    if (safety.linkLoss().ignore() && !safety.ladder().configured(FaultClass.LINK_LOST).isEmpty()) {
      problem.accept("safety.ladder.link_lost", "is never used: safety.link_loss.ignore is true; remove one of them");
    }
    for (FaultClass fault : FaultClass.values()) {
      ladder(problem, "safety.ladder." + fault.id(), safety.ladder().configured(fault), safety.fallback().isPresent());
    }
  }

  private static void milliseconds(BiConsumer<String, String> problem, String at, double ms, double max, String zero) {
    if (!(ms >= 0 && ms <= max)) {
      problem.accept(at, number(ms) + " ms is out of range (0.." + number(max) + " ms; " + zero + ")");
    }
  }

  /** A ladder escalates: the first rung at once, later rungs later and harsher. */
  private static void ladder(BiConsumer<String, String> problem, String at, List<LadderStep> steps, boolean hasFallback) {
    for (int i = 0; i < steps.size(); i++) {
      LadderStep step = steps.get(i);
      String rung = at + "[" + i + "]";
      if (step.reaction() == Reaction.FALLBACK && !hasFallback) {
        problem.accept(rung + ".reaction", "fallback needs a fallback controller; add safety.fallback (type pid, lqr or swingup)");
      }
      if (!(step.afterMs() >= 0 && step.afterMs() <= 600_000)) {
        problem.accept(rung + ".after_ms", number(step.afterMs()) + " ms is out of range (0..600000 ms)");
        continue;
      }
      if (i == 0 && step.afterMs() != 0) {
        problem.accept(rung + ".after_ms", number(step.afterMs()) + " ms: the first rung applies as soon as the "
            + "fault is seen; give it after_ms: 0 (or leave after_ms out)");
      }
      if (i > 0) {
        LadderStep previous = steps.get(i - 1);
        if (step.reaction().compareTo(previous.reaction()) <= 0) {
          problem.accept(rung + ".reaction", step.reaction().id() + " after " + previous.reaction().id()
              + ": a ladder only escalates, in the order warn, hold, fallback, safe_stop");
        } else if (step.afterMs() <= previous.afterMs()) {
          problem.accept(rung + ".after_ms", number(step.afterMs()) + " ms is not after the previous rung ("
              + number(previous.afterMs()) + " ms); rungs apply in time order");
        }
      }
    }
  }
}
