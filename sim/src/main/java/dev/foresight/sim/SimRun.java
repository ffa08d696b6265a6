package dev.foresight.sim;

import dev.foresight.config.ParameterDraw;
import dev.foresight.config.SimConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * One simulated run as its {@code sim} config section asks for it: the plant with its parameters
 * set and drawn, and its initial state chosen, all reproducible from the seed. The drawn values
 * are kept so the run can report them (log, recording, plots).
 *
 * <p>Each randomized parameter draws from its own stream ({@code SimRandom.stream(seed,
 * "parameter/<name>")}) and the initial state from {@code "initial-state"}, so randomizing one more
 * parameter never changes the others' values or the start.
 *
 * <pre>{@code
 * SimRun run = SimRun.create(config.sim().orElseThrow());
 * log.info("sim: {}", run.describe());
 * Plant plant = run.plant();
 * }</pre>
 */
public final class SimRun {

  private final String plantName;
  private final long seed;
  private final Parameters parameters;
  private final Map<String, ParameterDraw> randomized;
  private final double[] initialState;
  private final Plant plant;

  private SimRun(String plantName, long seed, Parameters parameters, Map<String, ParameterDraw> randomized,
      double[] initialState, Plant plant) {
    this.plantName = plantName;
    this.seed = seed;
    this.parameters = parameters;
    this.randomized = randomized;
    this.initialState = initialState;
    this.plant = plant;
  }

  /**
   * Sets up the run: parameters from {@code sim.parameters}, then draws for {@code sim.randomize},
   * the plant, and its initial state ({@code sim.initial_state}, or the plant's published random
   * reset from the seed).
   *
   * @throws IllegalArgumentException with a one-line message that starts with the config key path
   *                                  ({@code sim.randomize.mas: plant pendulum has no parameter ...})
   */
  public static SimRun create(SimConfig sim) {
    String plantName = sim.plant();
    Parameters defaults = Plants.defaults(plantName);
    Parameters set;
    try {
      set = defaults.with(sim.parameters());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sim.parameters." + offending(defaults, sim.parameters().keySet(), e) + ": "
          + e.getMessage().replaceFirst("^[a-z0-9_]+: ", ""));
    }
    Map<String, Double> drawn = new HashMap<>();
    for (Map.Entry<String, ParameterDraw> e : sim.randomize().entrySet()) {
      String name = e.getKey();
      if (!set.has(name)) throw new IllegalArgumentException("sim.randomize." + name + ": " + defaults.unknown(name));
      drawn.put(name, draw(set.parameter(name), e.getValue(), sim.seed()));
    }
    Parameters parameters = set.with(drawn);
    Plant plant;
    try {
      plant = Plants.create(plantName, parameters);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sim.parameters: " + e.getMessage());
    }
    double[] initial;
    int n = plant.spec().state().size();
    if (!sim.initialState().isEmpty()) {
      if (sim.initialState().size() != n) {
        throw new IllegalArgumentException("sim.initial_state: has " + sim.initialState().size() + " values but plant "
            + plantName + " has " + n + " state variables (" + String.join(", ", plant.spec().stateNames()) + ")");
      }
      initial = sim.initialState().stream().mapToDouble(Double::doubleValue).toArray();
      plant.reset(initial);
    } else {
      plant.reset(SimRandom.stream(sim.seed(), SimRandom.INITIAL_STATE));
      initial = new double[n];
      plant.state(initial);
    }
    return new SimRun(plantName, sim.seed(), parameters, orderedLike(parameters, sim.randomize()), initial, plant);
  }

  /** A value uniform in the draw's bounds (absolute), or the parameter's value times a uniform factor. */
  private static double draw(Parameter p, ParameterDraw how, long seed) {
    SplittableRandom random = SimRandom.stream(seed, "parameter/" + p.name());
    double lo = how.bounds().get(0);
    double hi = how.bounds().get(1);
    double u = lo == hi ? lo : random.nextDouble(lo, hi);
    double value = how.scaled() ? p.value() * u : u;
    double worst = how.scaled() ? p.value() * lo : lo;
    if (!p.accepts(worst)) {
      throw new IllegalArgumentException("sim.randomize." + p.name() + "." + (how.scaled() ? "scale" : "range") + ": "
          + how.bounds() + " can draw " + worst + (p.unit().isEmpty() ? "" : " " + p.unit()) + ", but " + p.name()
          + " must be " + p.domain() + " (" + p.description() + ")");
    }
    return value;
  }

  private static String offending(Parameters defaults, Iterable<String> names, IllegalArgumentException e) {
    for (String name : names) {
      if (!defaults.has(name) || e.getMessage().startsWith(name + ":")) return name;
    }
    return "";
  }

  private static Map<String, ParameterDraw> orderedLike(Parameters parameters, Map<String, ParameterDraw> draws) {
    Map<String, ParameterDraw> ordered = new LinkedHashMap<>();
    for (String name : parameters.names()) {
      if (draws.containsKey(name)) ordered.put(name, draws.get(name));
    }
    return java.util.Collections.unmodifiableMap(ordered);
  }

  /** The plant, reset to the initial state. */
  public Plant plant() {
    return plant;
  }

  /** Which plant, by the name {@code sim.plant} gives it. */
  public String plantName() {
    return plantName;
  }

  /** The run's seed. */
  public long seed() {
    return seed;
  }

  /** Every parameter with the value in use (published, set, or drawn). */
  public Parameters parameters() {
    return parameters;
  }

  /** The randomized parameters and how each was drawn, in the plant's parameter order. */
  public Map<String, ParameterDraw> randomized() {
    return randomized;
  }

  /** The state the plant started from. */
  public double[] initialState() {
    return initialState.clone();
  }

  /**
   * One line for the log: seed, every parameter that differs from the published value (drawn ones
   * marked with their draw), and the initial state.
   */
  public String describe() {
    Parameters published = Plants.defaults(plantName);
    List<String> changed = new ArrayList<>();
    for (Parameter p : parameters.list()) {
      ParameterDraw how = randomized.get(p.name());
      boolean differs = p.value() != published.get(p.name());
      if (how == null && !differs) continue;
      changed.add(String.format(Locale.ROOT, "%s=%.6g%s%s", p.name(), p.value(),
          p.unit().isEmpty() ? "" : " " + p.unit(), how == null ? "" : " (drawn, " + how + ")"));
    }
    return String.format(Locale.ROOT, "plant %s, seed %d, %s; initial state %s", plantName, seed,
        changed.isEmpty() ? "published parameters" : "parameters " + String.join(", ", changed),
        Arrays.stream(initialState).mapToObj(v -> String.format(Locale.ROOT, "%.6g", v))
            .collect(Collectors.joining(", ", "[", "]")));
  }
}
