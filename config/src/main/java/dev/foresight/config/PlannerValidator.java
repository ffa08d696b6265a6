package dev.foresight.config;

import dev.foresight.config.control.ActionCost;
import dev.foresight.config.control.ActionRateCost;
import dev.foresight.config.control.CemConfig;
import dev.foresight.config.control.CostTermConfig;
import dev.foresight.config.control.DisagreementCost;
import dev.foresight.config.control.MppiConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.SoftBoundCost;
import dev.foresight.config.control.TrackCost;
import dev.foresight.config.control.WorldModelSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Checks a sampling planner's settings and cost terms against the robot's variables. */
final class PlannerValidator {

  private final RobotConfig config;
  private final BiConsumer<String, String> problem;

  PlannerValidator(RobotConfig config, BiConsumer<String, String> problem) {
    this.config = config;
    this.problem = problem;
  }

  void validate(SampledPlannerConfig p) {
    range("controller.samples", p.samples(), 1, 65_536);
    range("controller.horizon", p.horizon(), 1, 256);
    range("controller.iterations", p.iterations(), 1, 100);
    int actions = config.action().size();
    if (!p.noiseStd().isEmpty() && p.noiseStd().size() != actions) {
      problem.accept("controller.noise_std", "has " + p.noiseStd().size() + " values but there are " + actions
          + " action variables " + config.actionNames() + "; give one per action or none");
    }
    for (int i = 0; i < p.noiseStd().size(); i++) {
      positive("controller.noise_std[" + i + "]", p.noiseStd().get(i));
    }
    if (!(p.noiseBeta() >= 0 && p.noiseBeta() <= 4)) {
      problem.accept("controller.noise_beta", ConfigValidator.number(p.noiseBeta()) + " is out of range (0..4)");
    }
    if (!(p.valueWeight() >= 0) || Double.isInfinite(p.valueWeight())) {
      problem.accept("controller.value_weight", ConfigValidator.number(p.valueWeight()) + " must be 0 or a positive finite number");
    }
    if (p.worldModel() == WorldModelSource.ONNX && config.model().isEmpty()) {
      problem.accept("controller.world_model", "onnx needs a model section with the world-model file "
          + "(model: {file: pendulum.onnx}); or use world_model: simulator in simulation");
    }
    if (p.worldModel() == WorldModelSource.SIMULATOR && config.hardware().platform() != Platform.SIM) {
      problem.accept("controller.world_model", "simulator exists only with hardware.platform: sim; use onnx");
    }
    switch (p) {
      case MppiConfig m -> positive("controller.temperature", m.temperature());
      case CemConfig c -> {
        if (c.elites() < 1 || c.elites() > c.samples()) {
          problem.accept("controller.elites", c.elites() + " is out of range (1..samples = " + c.samples() + ")");
        }
        if (!(c.keepElites() >= 0 && c.keepElites() <= 1)) {
          problem.accept("controller.keep_elites", ConfigValidator.number(c.keepElites()) + " is out of range (0..1)");
        }
        if (!(c.momentum() >= 0 && c.momentum() < 1)) {
          problem.accept("controller.momentum", ConfigValidator.number(c.momentum()) + " is out of range (0 up to, not including, 1)");
        }
      }
    }
    if (p.cost().isEmpty()) {
      problem.accept("controller.cost", "a planner needs at least one cost term, e.g. "
          + "- {type: track, variable: " + (config.state().isEmpty() ? "x" : config.stateNames().getFirst()) + ", weight: 1}");
    }
    for (int i = 0; i < p.cost().size(); i++) cost("controller.cost[" + i + "]", p.cost().get(i));
  }

  private void cost(String at, CostTermConfig term) {
    switch (term) {
      case TrackCost t -> {
        state(at + ".variable", t.variable());
        finite(at + ".target", t.target());
        weight(at + ".weight", t.weight());
        weight(at + ".terminal_weight", t.terminalWeight());
      }
      case ActionCost a -> {
        action(at + ".variable", a.variable());
        finite(at + ".target", a.target());
        weight(at + ".weight", a.weight());
      }
      case ActionRateCost r -> {
        action(at + ".variable", r.variable());
        weight(at + ".weight", r.weight());
      }
      case SoftBoundCost b -> {
        if (config.stateIndex(b.variable()) < 0 && config.actionIndex(b.variable()) < 0) {
          List<String> names = new ArrayList<>(config.stateNames());
          names.addAll(config.actionNames());
          problem.accept(at + ".variable", "no state or action variable named '" + b.variable() + "'"
              + Suggestions.hint(b.variable(), names));
        }
        if (Double.isNaN(b.min()) || Double.isNaN(b.max())) {
          problem.accept(at, "min and max must be numbers, not NaN");
        } else if (Double.isInfinite(b.min()) && Double.isInfinite(b.max())) {
          problem.accept(at, "give min, max or both; without either the bound does nothing");
        } else if (b.min() >= b.max()) {
          problem.accept(at, "min " + ConfigValidator.number(b.min()) + " must be below max " + ConfigValidator.number(b.max()));
        }
        weight(at + ".weight", b.weight());
      }
      case DisagreementCost d -> weight(at + ".weight", d.weight());
    }
  }

  private void state(String at, String name) {
    if (config.stateIndex(name) < 0) {
      problem.accept(at, "no state variable named '" + name + "'" + Suggestions.hint(name, config.stateNames()));
    }
  }

  private void action(String at, String name) {
    if (config.actionIndex(name) < 0) {
      problem.accept(at, "no action variable named '" + name + "'" + Suggestions.hint(name, config.actionNames()));
    }
  }

  private void range(String at, int value, int lo, int hi) {
    if (value < lo || value > hi) problem.accept(at, value + " is out of range (" + lo + ".." + hi + ")");
  }

  private void positive(String at, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      problem.accept(at, ConfigValidator.number(value) + " must be a positive finite number");
    }
  }

  private void weight(String at, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      problem.accept(at, ConfigValidator.number(value) + " must be 0 or a positive finite number");
    }
  }

  private void finite(String at, double value) {
    if (!Double.isFinite(value)) problem.accept(at, ConfigValidator.number(value) + " must be a finite number");
  }
}
