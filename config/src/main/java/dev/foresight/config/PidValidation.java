package dev.foresight.config;

import static dev.foresight.config.ConfigValidator.number;

import dev.foresight.config.control.PidConfig;
import dev.foresight.config.control.PidLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Checks of a {@code pid} controller: variable names, one loop per action, finite gains. */
final class PidValidation {

  private PidValidation() {}

  static void check(String at, PidConfig pid, RobotConfig config, BiConsumer<String, String> problem) {
    if (pid.loops().isEmpty()) {
      problem.accept(at + ".loops", "needs at least one loop, e.g. {action: " + first(config.actionNames())
          + ", state: " + first(config.stateNames()) + ", kp: 1.0}");
    }
    Map<String, Integer> driven = new HashMap<>();
    for (int i = 0; i < pid.loops().size(); i++) {
      PidLoop loop = pid.loops().get(i);
      String l = at + ".loops[" + i + "]";
      if (config.actionIndex(loop.action()) < 0) {
        problem.accept(l + ".action", "no action variable named '" + loop.action() + "'"
            + Suggestions.hint(loop.action(), config.actionNames()));
      } else {
        Integer other = driven.putIfAbsent(loop.action(), i);
        if (other != null) {
          problem.accept(l + ".action", "'" + loop.action() + "' is already driven by " + at + ".loops[" + other
              + "]; one loop per action variable");
        }
      }
      stateVariable(problem, l + ".state", loop.state(), config);
      loop.rate().ifPresent(r -> stateVariable(problem, l + ".rate", r, config));
      finite(problem, l + ".target", loop.target());
      finite(problem, l + ".kp", loop.kp());
      finite(problem, l + ".ki", loop.ki());
      finite(problem, l + ".kd", loop.kd());
      if (!(loop.integralLimit() > 0)) {
        problem.accept(l + ".integral_limit", number(loop.integralLimit()) + " must be positive");
      }
    }
  }

  private static String first(java.util.List<String> names) {
    return names.isEmpty() ? "x" : names.getFirst();
  }

  private static void stateVariable(BiConsumer<String, String> problem, String at, String name, RobotConfig config) {
    if (config.stateIndex(name) < 0) {
      problem.accept(at, "no state variable named '" + name + "'" + Suggestions.hint(name, config.stateNames()));
    }
  }

  private static void finite(BiConsumer<String, String> problem, String at, double value) {
    if (!Double.isFinite(value)) problem.accept(at, number(value) + " must be a finite number");
  }
}
