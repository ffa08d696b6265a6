package dev.foresight.runtime.replay;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.Angles;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Plants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recording against the simulator driven by the same commands: from the recorded state at an
 * anchor tick, the plant is stepped open-loop with the recorded applied actions up to the next
 * anchor (every {@code reanchor} ticks; 0: one anchor, the first tick), and each simulated state is
 * set against the recorded one, the next anchor's included (horizons 1 to {@code reanchor}). The error per state variable and per horizon (steps since the
 * anchor) says how far the simulator is from the robot and how fast it drifts away.
 *
 * <p>Besides the plant's physical parameters, two actuator parameters stand between the recorded
 * command and the plant: {@value #ACTION_GAIN} (the plant receives the command times this; 1 by
 * default) and {@value #ACTION_DELAY} (ticks by which the command reaches the plant late,
 * fractional values interpolating between neighbouring ticks' commands; 0 by default).
 *
 * <p>The recorded state is mapped onto the plant's: a state variable with {@code source:
 * plant.X} (estimated directly) is the plant's {@code X}, otherwise a variable of the same name is;
 * every plant state variable must be recorded. Actions likewise ({@code target: plant.X} or the
 * name). The plant steps once per recorded tick, so the loop period must be the plant's time step.
 *
 * <pre>{@code
 * SimCompare c = SimCompare.of(RecordedRun.read(file), "pendulum", 20);
 * SimCompare.Outcome o = c.simulate(c.values(Plants.defaults("pendulum")));
 * o.rmse()[0];   // theta's error over every window and horizon
 * }</pre>
 */
public final class SimCompare {

  /** The actuator gain between the recorded command and the plant. */
  public static final String ACTION_GAIN = "action_gain";
  /** The actuator delay, in ticks. */
  public static final String ACTION_DELAY = "action_delay";

  /** What a non-finite simulated value counts as in the residuals (in units of the variable's scale). */
  private static final double NOT_FINITE = 1e3;

  private final RecordedRun run;
  private final String plant;
  private final Parameters defaults;
  private final int reanchor;
  private final int[] stateOf;
  private final int[] actionOf;
  private final boolean[] wrap;
  private final double[] scale;
  private final boolean[] anchor;
  private final boolean[] valid;
  private final int residuals;

  /**
   * The plant's parameter values and the actuator's, for one simulation.
   *
   * @param parameters the plant's physical parameters
   * @param gain       {@value #ACTION_GAIN}
   * @param delayTicks {@value #ACTION_DELAY}
   */
  public record Values(Parameters parameters, double gain, double delayTicks) {

    /** The value of a plant parameter or of an actuator parameter, by name. */
    public double get(String name) {
      return switch (name) {
        case ACTION_GAIN -> gain;
        case ACTION_DELAY -> delayTicks;
        default -> parameters.get(name);
      };
    }

    /**
     * A copy with the named values replaced.
     *
     * @throws IllegalArgumentException naming the parameter for an invalid value
     */
    public Values with(Map<String, Double> values) {
      Map<String, Double> plant = new LinkedHashMap<>(values);
      Double g = plant.remove(ACTION_GAIN);
      Double d = plant.remove(ACTION_DELAY);
      for (String name : plant.keySet()) {
        if (!parameters.has(name)) {
          throw new IllegalArgumentException("the simulator has no parameter '" + name + "' (it has "
              + String.join(", ", parameters.names()) + ", " + ACTION_GAIN + ", " + ACTION_DELAY + ")");
        }
      }
      if (g != null && !(Double.isFinite(g) && g > 0)) {
        throw new IllegalArgumentException(ACTION_GAIN + ": " + g + " is not a valid value; it must be finite and > 0");
      }
      if (d != null && !(Double.isFinite(d) && d >= 0)) {
        throw new IllegalArgumentException(ACTION_DELAY + ": " + d + " is not a valid value; it must be finite and >= 0");
      }
      return new Values(parameters.with(plant), g != null ? g : gain, d != null ? d : delayTicks);
    }
  }

  /**
   * What one simulation of the recording gave.
   *
   * @param simulated      ticks x plant state variables (in the recording's order of them): the simulated
   *                       state (at an anchor, the end of the window before it), NaN where nothing was simulated
   * @param rmse           per plant state variable, RMS error over every window and horizon
   * @param rmseByHorizon  per plant state variable, RMS error at horizon 1..window (index 0 is horizon 1); NaN
   *                       where no window reached that far
   * @param samples        ticks compared (simulated steps with at least one recorded value)
   */
  public record Outcome(double[] simulated, double[] rmse, double[][] rmseByHorizon, long samples) {}

  private SimCompare(RecordedRun run, String plant, Parameters defaults, int reanchor, int[] stateOf, int[] actionOf,
      boolean[] wrap) {
    this.run = run;
    this.plant = plant;
    this.defaults = defaults;
    this.reanchor = reanchor;
    this.stateOf = stateOf;
    this.actionOf = actionOf;
    this.wrap = wrap;
    int n = run.size();
    int s = stateOf.length;
    int rs = run.stateNames().size();
    int ra = run.actionNames().size();
    double[] st = run.state();
    double[] ap = run.applied();
    // Anchors, and which (tick, variable) pairs are compared: the window's start and every command
    // up to the tick must be finite, and so must the recorded value.
    anchor = new boolean[n];
    valid = new boolean[n * s];
    int count = 0;
    boolean open = false;
    for (int t = 0; t < n; t++) {
      if (open) {
        // The step from t-1 to t: its command must be finite, and at least one recorded value at t.
        boolean commands = true;
        for (int j = 0; j < ra; j++) commands &= Double.isFinite(ap[(t - 1) * ra + j]);
        boolean any = false;
        for (int k = 0; k < s && commands; k++) {
          if (Double.isFinite(st[t * rs + stateOf[k]])) {
            valid[t * s + k] = true;
            any = true;
            count++;
          }
        }
        open = any;
      }
      if (t == 0 || (reanchor > 0 && t % reanchor == 0) || !open) {
        boolean finite = true;
        for (int k = 0; k < s; k++) finite &= Double.isFinite(st[t * rs + stateOf[k]]);
        anchor[t] = finite;
        open |= finite;
      }
    }
    this.residuals = count;
    scale = new double[s];
    for (int k = 0; k < s; k++) {
      double sum = 0;
      double sq = 0;
      int m = 0;
      for (int t = 0; t < n; t++) {
        double v = st[t * rs + stateOf[k]];
        if (!Double.isFinite(v)) continue;
        sum += v;
        sq += v * v;
        m++;
      }
      double mean = m > 0 ? sum / m : 0;
      double sd = m > 0 ? Math.sqrt(Math.max(0, sq / m - mean * mean)) : 0;
      scale[k] = sd > 1e-9 ? sd : 1.0;
    }
  }

  /**
   * Binds {@code run} to the simulator {@code plant}.
   *
   * @param reanchor ticks between anchors (0: only the first tick)
   * @throws ReplayException (one line) when the plant is unknown, its state or actions are not in the
   *                         recording, or its time step is not the recording's loop period
   */
  public static SimCompare of(RecordedRun run, String plant, int reanchor) {
    return of(run, plant, reanchor, Map.of());
  }

  /**
   * Binds {@code run} to the simulator {@code plant}, with some plant actions driven by recorded
   * actions of other names ({@code --action voltage=torque}: the recorded voltage, times
   * {@value #ACTION_GAIN}, is the plant's torque).
   *
   * @param actions plant action name by recorded action name
   * @throws ReplayException (one line) as {@link #of(RecordedRun, String, int)}, and for a mapping naming an
   *                         action that is not there
   */
  public static SimCompare of(RecordedRun run, String plant, int reanchor, Map<String, String> actions) {
    if (Plants.byName(plant).isEmpty()) {
      throw new ReplayException("--plant: no simulator for plant '" + plant + "' (plants: "
          + String.join(", ", Plants.names()) + ")");
    }
    if (reanchor < 0) throw new ReplayException("--reanchor: " + reanchor + " ticks; give 0 (never) or more");
    Parameters defaults = Plants.defaults(plant);
    PlantSpec spec = Plants.create(plant, defaults).spec();
    RobotConfig c = run.config().config();
    long dtNs = Math.round(spec.dtS() * 1e9);
    if (Math.abs(dtNs - run.periodNs()) > run.periodNs() / 100) {
      throw new ReplayException(run.file() + ": its loop ran every " + ms(run.periodNs()) + " but plant " + plant
          + " steps every " + ms(dtNs) + "; the simulator steps once per recorded tick, so the two must agree");
    }
    List<StateVariable> vars = c.state();
    int[] stateOf = new int[spec.state().size()];
    boolean[] wrap = new boolean[stateOf.length];
    List<String> missing = new ArrayList<>();
    for (int k = 0; k < stateOf.length; k++) {
      String name = spec.state().get(k).name();
      stateOf[k] = -1;
      for (int i = 0; i < vars.size() && stateOf[k] < 0; i++) {
        StateVariable v = vars.get(i);
        if (("plant." + name).equals(v.source()) && v.estimate() == dev.foresight.config.Estimate.DIRECT) stateOf[k] = i;
      }
      if (stateOf[k] < 0) stateOf[k] = run.stateNames().indexOf(name);
      if (stateOf[k] < 0) {
        missing.add(name);
      } else {
        wrap[k] = vars.get(stateOf[k]).wrap();
      }
    }
    if (!missing.isEmpty()) {
      throw new ReplayException(run.file() + ": plant " + plant + "'s state " + missing + " is not in the recording "
          + "(it has " + run.stateNames() + "); the simulator starts each window from the whole recorded state "
          + "(name a state variable like the plant's, or give it source: plant.<variable>)");
    }
    for (var e : actions.entrySet()) {
      if (!run.actionNames().contains(e.getKey())) {
        throw new ReplayException("--action " + e.getKey() + "=" + e.getValue() + ": the recording has no action "
            + e.getKey() + " (it has " + run.actionNames() + ")");
      }
      if (!spec.actionNames().contains(e.getValue())) {
        throw new ReplayException("--action " + e.getKey() + "=" + e.getValue() + ": plant " + plant + " has no action "
            + e.getValue() + " (it has " + spec.actionNames() + ")");
      }
    }
    List<ActionVariable> recordedActions = c.action();
    int[] actionOf = new int[spec.action().size()];
    for (int j = 0; j < actionOf.length; j++) {
      String name = spec.action().get(j).name();
      actionOf[j] = -1;
      for (var e : actions.entrySet()) {
        if (e.getValue().equals(name)) actionOf[j] = run.actionNames().indexOf(e.getKey());
      }
      for (int i = 0; i < recordedActions.size() && actionOf[j] < 0; i++) {
        if (("plant." + name).equals(recordedActions.get(i).target())) actionOf[j] = i;
      }
      if (actionOf[j] < 0) actionOf[j] = run.actionNames().indexOf(name);
      if (actionOf[j] < 0) {
        throw new ReplayException(run.file() + ": plant " + plant + "'s action " + name + " is not in the recording "
            + "(it has " + run.actionNames() + "); name the action " + name + ", give it target: plant." + name
            + ", or map one onto it: --action " + (run.actionNames().isEmpty() ? "NAME" : run.actionNames().getFirst())
            + "=" + name);
      }
    }
    return new SimCompare(run, plant, defaults, reanchor, stateOf, actionOf, wrap);
  }

  private static String ms(long ns) {
    return String.format(Locale.ROOT, "%.4g ms", ns * 1e-6);
  }

  /** The plant's name. */
  public String plant() {
    return plant;
  }

  /** The recording. */
  public RecordedRun run() {
    return run;
  }

  /** Ticks between anchors (0: one anchor). */
  public int reanchor() {
    return reanchor;
  }

  /** The plant's published parameters. */
  public Parameters defaults() {
    return defaults;
  }

  /** The plant's state variable names, which are what is compared. */
  public List<String> variables() {
    List<String> names = new ArrayList<>();
    for (int k : stateOf) names.add(run.stateNames().get(k));
    return names;
  }

  /** Index into the recording's state of each compared variable. */
  public int recordedIndex(int k) {
    return stateOf[k];
  }

  /** Whether tick {@code t} starts a window. */
  public boolean anchor(int t) {
    return anchor[t];
  }

  /** Windows simulated. */
  public int windows() {
    int w = 0;
    for (boolean a : anchor) if (a) w++;
    return w;
  }

  /** How many (tick, variable) errors a simulation gives: the length of {@link #residuals}. */
  public int residualCount() {
    return residuals;
  }

  /** The spread (standard deviation) of each compared variable over the recording: the residuals' unit. */
  public double[] scale() {
    return scale.clone();
  }

  /** {@code parameters} with the actuator at its defaults (gain 1, no delay). */
  public Values values(Parameters parameters) {
    return new Values(parameters, 1.0, 0.0);
  }

  /** The names {@code --fit} accepts: the plant's parameters and the actuator's. */
  public List<String> fittable() {
    List<String> names = new ArrayList<>(defaults.names());
    names.add(ACTION_GAIN);
    names.add(ACTION_DELAY);
    return names;
  }

  /** Runs the simulator through the recording and measures its errors. */
  public Outcome simulate(Values v) {
    int n = run.size();
    int s = stateOf.length;
    double[] sim = new double[n * s];
    java.util.Arrays.fill(sim, Double.NaN);
    double[] sq = new double[s];
    int horizons = reanchor > 0 ? reanchor : n;
    double[][] sqH = new double[s][horizons];
    long[] count = new long[s];
    long[][] countH = new long[s][horizons];
    long samples = roll(v, sim, (t, h, k, e) -> {
      double e2 = Double.isFinite(e) ? e * e : Double.POSITIVE_INFINITY;
      sq[k] += e2;
      count[k]++;
      if (h <= horizons) {
        sqH[k][h - 1] += e2;
        countH[k][h - 1]++;
      }
    });
    double[] rmse = new double[s];
    double[][] byH = new double[s][horizons];
    for (int k = 0; k < s; k++) {
      rmse[k] = count[k] > 0 ? Math.sqrt(sq[k] / count[k]) : Double.NaN;
      for (int h = 0; h < horizons; h++) {
        byH[k][h] = countH[k][h] > 0 ? Math.sqrt(sqH[k][h] / countH[k][h]) : Double.NaN;
      }
    }
    return new Outcome(sim, rmse, byH, samples);
  }

  /**
   * The residuals of a simulation, each error divided by its variable's {@link #scale}, in a fixed
   * order and number ({@link #residualCount}) whatever the values; a non-finite simulated value
   * counts as a large error.
   */
  public double[] residuals(Values v) {
    double[] r = new double[residuals];
    int[] at = new int[1];
    roll(v, null, (t, h, k, e) -> r[at[0]++] = Double.isFinite(e) ? e / scale[k] : NOT_FINITE);
    return r;
  }

  private interface Sink {
    void error(int tick, int horizon, int variable, double error);
  }

  private long roll(Values v, double[] into, Sink sink) {
    Plant p = Plants.create(plant, v.parameters());
    int n = run.size();
    int s = stateOf.length;
    int rs = run.stateNames().size();
    int ra = run.actionNames().size();
    double[] st = run.state();
    double[] ap = run.applied();
    double[] x = new double[s];
    double[] u = new double[actionOf.length];
    int whole = (int) Math.floor(v.delayTicks());
    double frac = v.delayTicks() - whole;
    boolean live = false;
    int h = 0;
    long samples = 0;
    for (int t = 0; t < n; t++) {
      if (live) {
        boolean any = false;
        for (int k = 0; k < s; k++) any |= valid[t * s + k];
        live = any;
      }
      if (live) {
        // The command that reaches the plant in the step t-1 -> t: the one of tick t-1-delay.
        for (int j = 0; j < u.length; j++) {
          double a = command(ap, ra, actionOf[j], t - 1 - whole);
          if (frac > 0) a = (1 - frac) * a + frac * command(ap, ra, actionOf[j], t - 2 - whole);
          u[j] = v.gain() * a;
        }
        p.step(u);
        p.state(x);
        h++;
        for (int k = 0; k < s; k++) {
          if (into != null) into[t * s + k] = wrap[k] ? Angles.wrap(x[k]) : x[k];
          if (!valid[t * s + k]) continue;
          double e = x[k] - st[t * rs + stateOf[k]];
          if (wrap[k] && Double.isFinite(e)) e = Angles.wrap(e);
          sink.error(t, h, k, e);
        }
        samples++;
      }
      if (anchor[t]) {
        // A window starts here from the recorded state (after the last one's final comparison).
        for (int k = 0; k < s; k++) x[k] = st[t * rs + stateOf[k]];
        p.reset(x);
        live = true;
        h = 0;
      }
    }
    return samples;
  }

  /** The recorded command of tick {@code t}; before the first tick, the first tick's; never a non-finite one. */
  private static double command(double[] ap, int ra, int j, int t) {
    double a = ap[Math.max(0, t) * ra + j];
    return Double.isFinite(a) ? a : 0.0;
  }
}
