package dev.foresight.config;

import dev.foresight.config.ConfigValidator.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks of the {@code sim} section that the config alone can decide: parameter values are finite,
 * each draw has one well-formed {@code [low, high]}. Whether the plant has a parameter of that name,
 * and whether a drawn value can leave its valid range, is checked when the robot is assembled.
 */
final class SimChecks {

  private SimChecks() {}

  static List<Finding> check(SimConfig sim) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < sim.initialState().size(); i++) {
      Double v = sim.initialState().get(i);
      if (v == null || !Double.isFinite(v)) {
        findings.add(new Finding("sim.initial_state[" + i + "]", ConfigValidator.number(v == null ? Double.NaN : v)
            + " must be a finite number"));
      }
    }
    for (Map.Entry<String, Double> e : sim.parameters().entrySet()) {
      Double v = e.getValue();
      if (v == null || !Double.isFinite(v)) {
        findings.add(new Finding("sim.parameters." + e.getKey(), (v == null ? "needs a number" :
            ConfigValidator.number(v) + " must be a finite number")));
      }
    }
    for (Map.Entry<String, ParameterDraw> e : sim.randomize().entrySet()) {
      String at = "sim.randomize." + e.getKey();
      ParameterDraw draw = e.getValue();
      if (draw == null || (draw.scale().isEmpty() && draw.range().isEmpty())) {
        findings.add(new Finding(at, "give scale: [low, high] (a factor on the plant's value) or range: [low, high] "
            + "(the value itself)"));
        continue;
      }
      if (!draw.scale().isEmpty() && !draw.range().isEmpty()) {
        findings.add(new Finding(at, "give scale or range, not both"));
        continue;
      }
      String key = at + (draw.scaled() ? ".scale" : ".range");
      List<Double> b = draw.bounds();
      if (b.size() != 2) {
        findings.add(new Finding(key, "has " + b.size() + " values; write [low, high]"));
      } else if (b.get(0) == null || b.get(1) == null || !Double.isFinite(b.get(0)) || !Double.isFinite(b.get(1))) {
        findings.add(new Finding(key, "low and high must be finite numbers"));
      } else if (b.get(0) > b.get(1)) {
        findings.add(new Finding(key, "low " + ConfigValidator.number(b.get(0)) + " is above high "
            + ConfigValidator.number(b.get(1)) + "; write [low, high]"));
      } else if (draw.scaled() && !(b.get(0) > 0)) {
        findings.add(new Finding(key, "factors must be positive; " + ConfigValidator.number(b.get(0))
            + " would flip or zero the parameter"));
      }
    }
    return findings;
  }
}
