package dev.foresight.runtime.tools;

import static dev.foresight.runtime.cli.LogCommand.existing;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.replay.ParameterFit;
import dev.foresight.runtime.replay.RecordedRun;
import dev.foresight.runtime.replay.ReplayException;
import dev.foresight.runtime.replay.SimCompare;
import dev.foresight.runtime.report.ComparePlot;
import dev.foresight.sim.Plants;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight log compare FILE [--plant NAME] [--config FILE] [--param N=V] [--reanchor TICKS] [--fit P,...]}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Sim vs real: drive the simulator open-loop with a recording's applied actions from its recorded "
        + "state, re-anchored on the recorded state every --reanchor ticks, and report per state variable the "
        + "error, the error against the horizon and when it diverges; plot simulated against recorded.",
        "With --fit: find the simulator parameters (the plant's, action_gain, action_delay) that best explain the "
        + "recording (least squares over the windows, Nelder-Mead), with their confidence and the error before "
        + "and after."})
public final class LogCompareCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Recording (.mcap) made by foresight run --record.")
  Path file;

  @Option(names = "--plant", paramLabel = "NAME", description = "Simulated plant (default: --config's sim.plant, "
      + "else the recording's own).")
  String plant;

  @Option(names = "--config", paramLabel = "FILE", description = "Take the simulator (sim.plant, sim.parameters) "
      + "from this robot config (default: the simulator the recording was made on, with the parameter values it "
      + "used, or the plant's published parameters).")
  Path config;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Set a simulator parameter (repeatable), "
      + "e.g. --param mass=1.2, --param action_delay=1.")
  List<String> params = new ArrayList<>();

  @Option(names = "--action", paramLabel = "RECORDED=PLANT", description = "Drive the plant's action PLANT with the "
      + "recorded action RECORDED (repeatable), e.g. --action voltage=torque; fit action_gain for the actuator.")
  Map<String, String> actionMap = new LinkedHashMap<>();

  @Option(names = "--reanchor", paramLabel = "TICKS", defaultValue = "20", description = "Restart the simulator "
      + "from the recorded state every TICKS ticks; 0: never (default: ${DEFAULT-VALUE}).")
  int reanchor;

  @Option(names = "--tolerance", paramLabel = "FRACTION", defaultValue = "0.1", description = "A variable has "
      + "diverged once its RMS error exceeds this fraction of its spread in the recording (default: "
      + "${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--fit", paramLabel = "PARAM", split = ",", description = "Fit these parameters to the recording, "
      + "e.g. --fit mass,length.")
  List<String> fit = new ArrayList<>();

  @Option(names = "--plot", paramLabel = "FILE", description = "Picture to write, .png or .svg (default: the "
      + "recording's name with -compare.png, next to it).")
  Path plot;

  @Option(names = "--no-plot", description = "Draw no picture.")
  boolean noPlot;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Path picture = plot != null ? plot : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.mcap$", "")
        + "-compare.png");
    String lower = picture.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!noPlot && !lower.endsWith(".png") && !lower.endsWith(".svg")) {
      throw new UserException("--plot: " + picture + ": a plot is written as .png or .svg");
    }
    if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
      throw new UserException("--tolerance: " + tolerance + " is not a fraction > 0 (e.g. 0.1)");
    }
    SimCompare compare;
    SimCompare.Values start;
    SimCompare.Outcome before;
    Optional<ParameterFit.Result> fitted = Optional.empty();
    Optional<SimCompare.Outcome> after = Optional.empty();
    try {
      RecordedRun run = RecordedRun.read(existing(file));
      String kind = plantName(run);
      compare = SimCompare.of(run, kind, reanchor, actionMap);
      start = compare.values(startingParameters(run, kind)).with(overrides());
      before = compare.simulate(start);
      if (before.samples() == 0) {
        throw new ReplayException(file + ": no tick to compare (no window with a finite recorded state and actions)");
      }
      if (!fit.isEmpty()) {
        ParameterFit.Result r = ParameterFit.fit(compare, start, fit);
        fitted = Optional.of(r);
        after = Optional.of(compare.simulate(r.fitted()));
      }
    } catch (ReplayException e) {
      throw new UserException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserException("--param: " + e.getMessage());
    }
    if (!noPlot) {
      ComparePlot.write(compare, before, after, file.getFileName() + " vs simulator " + compare.plant()
          + (fitted.isPresent() ? " (fitted " + String.join(", ", fit) + ")" : ""), picture);
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(JSON.writeValueAsString(json(compare, start, before, fitted, after, picture)));
    } else {
      print(w, compare, start, before, fitted, after, picture);
    }
    w.flush();
    compare.run().stoppedAt().ifPresent(s -> spec.commandLine().getErr().println("foresight: " + file
        + ": compared up to tick " + compare.run().size() + ": " + s));
    return ExitCodes.OK;
  }

  private String plantName(RecordedRun run) {
    if (plant != null) return plant;
    if (config != null) {
      return simOf(config).plant();
    }
    String own = run.run().get("sim_plant");
    if (own != null) return own;
    throw new ReplayException(file + ": the recording was not made on the simulator; name the plant to compare "
        + "against: --plant NAME (plants: " + String.join(", ", Plants.names()) + ")");
  }

  private SimConfig simOf(Path robotConfig) {
    LoadedConfig c;
    try {
      c = ConfigLoader.load(existing(robotConfig));
    } catch (ConfigException e) {
      throw new ReplayException(e.problems().getFirst().format());
    }
    return c.config().sim().orElseThrow(() -> new ReplayException("--config: " + robotConfig + " has no sim section "
        + "to take the simulator from; give one with sim.plant, or use --plant"));
  }

  /** --config's sim.parameters, else the values the recording's own simulator used, else the published ones. */
  private dev.foresight.sim.Parameters startingParameters(RecordedRun run, String kind) {
    dev.foresight.sim.Parameters defaults = Plants.defaults(kind);
    if (config != null) {
      SimConfig sim = simOf(config);
      if (!sim.plant().equals(kind)) return defaults;
      try {
        return defaults.with(sim.parameters());
      } catch (IllegalArgumentException e) {
        throw new ReplayException("--config: " + config + ": sim.parameters: " + e.getMessage());
      }
    }
    String used = run.run().get("sim_parameters");
    if (!kind.equals(run.run().get("sim_plant")) || used == null || used.isBlank()) return defaults;
    Map<String, Double> values = new LinkedHashMap<>();
    for (String pair : used.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      String name = pair.substring(0, eq);
      if (!defaults.has(name)) continue;
      try {
        values.put(name, Double.parseDouble(pair.substring(eq + 1)));
      } catch (NumberFormatException e) {
        throw new ReplayException(file + ": run metadata sim_parameters: '" + pair + "' is not NAME=NUMBER");
      }
    }
    return defaults.with(values);
  }

  private Map<String, Double> overrides() {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) throw new UserException("--param " + p + ": write NAME=VALUE, e.g. --param mass=1.2");
      String value = p.substring(eq + 1).trim();
      try {
        values.put(p.substring(0, eq).trim(), Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new UserException("--param " + p + ": '" + value + "' is not a number");
      }
    }
    return values;
  }

  /** Per variable, the first horizon (seconds) whose RMS error exceeds the tolerance, or null. */
  private Double divergence(SimCompare c, SimCompare.Outcome o, int k) {
    double limit = tolerance * c.scale()[k];
    double[] byH = o.rmseByHorizon()[k];
    for (int h = 0; h < byH.length; h++) {
      if (byH[h] > limit) return (h + 1) * c.run().periodNs() * 1e-9;
    }
    return null;
  }

  private Map<String, Object> errors(SimCompare c, SimCompare.Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> vars = c.variables();
    for (int k = 0; k < vars.size(); k++) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("rmse", o.rmse()[k]);
      v.put("spread", c.scale()[k]);
      v.put("divergence_s", divergence(c, o, k));
      List<Double> byH = new ArrayList<>();
      for (double e : o.rmseByHorizon()[k]) byH.add(Double.isFinite(e) ? e : null);
      v.put("rmse_by_horizon", byH);
      m.put(vars.get(k), v);
    }
    return m;
  }

  private Map<String, Object> json(SimCompare c, SimCompare.Values start, SimCompare.Outcome before,
      Optional<ParameterFit.Result> fitted, Optional<SimCompare.Outcome> after, Path picture) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("file", file.toString());
    j.put("plant", c.plant());
    Map<String, Object> params = new LinkedHashMap<>();
    for (String name : c.fittable()) params.put(name, start.get(name));
    j.put("parameters", params);
    j.put("ticks", c.run().size());
    j.put("reanchor_ticks", c.reanchor());
    j.put("windows", c.windows());
    j.put("horizon_s", (c.reanchor() > 0 ? c.reanchor() : c.run().size()) * c.run().periodNs() * 1e-9);
    j.put("tolerance", tolerance);
    j.put("error", errors(c, before));
    fitted.ifPresent(r -> {
      Map<String, Object> f = new LinkedHashMap<>();
      Map<String, Object> est = new LinkedHashMap<>();
      for (ParameterFit.Estimate e : r.estimates()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("start", e.start());
        o.put("value", e.value());
        o.put("stderr", e.determined() ? e.stderr() : null);
        o.put("ci95", e.determined() ? List.of(e.value() - 1.96 * e.stderr(), e.value() + 1.96 * e.stderr()) : null);
        o.put("determined", e.determined());
        est.put(e.name(), o);
      }
      f.put("parameters", est);
      f.put("cost_before", r.costBefore());
      f.put("cost_after", r.costAfter());
      f.put("evaluations", r.evaluations());
      Map<String, Object> rmse = new LinkedHashMap<>();
      List<String> vars = c.variables();
      for (int k = 0; k < vars.size(); k++) {
        rmse.put(vars.get(k), Map.of("before", before.rmse()[k], "after", after.orElseThrow().rmse()[k]));
      }
      f.put("rmse", rmse);
      f.put("error_after", errors(c, after.orElseThrow()));
      j.put("fit", f);
    });
    j.put("stopped", c.run().stoppedAt().orElse(null));
    j.put("plot", noPlot ? null : picture.toString());
    return j;
  }

  private void print(PrintWriter w, SimCompare c, SimCompare.Values start, SimCompare.Outcome before,
      Optional<ParameterFit.Result> fitted, Optional<SimCompare.Outcome> after, Path picture) {
    double period = c.run().periodNs() * 1e-9;
    StringBuilder ps = new StringBuilder();
    for (String name : c.fittable()) {
      ps.append(ps.isEmpty() ? "" : ", ").append(name).append('=').append(g(start.get(name)));
    }
    w.printf(Locale.ROOT, "%s vs simulator %s (%s)%n", file, c.plant(), ps);
    w.printf(Locale.ROOT, "  %d ticks, %d open-loop windows %s%n", c.run().size(), c.windows(),
        c.reanchor() > 0 ? String.format(Locale.ROOT, "re-anchored every %d ticks (%.2f s)", c.reanchor(),
            c.reanchor() * period) : "(never re-anchored)");
    List<String> vars = c.variables();
    int last = before.rmseByHorizon()[0].length - 1;
    for (int k = 0; k < vars.size(); k++) {
      Double div = divergence(c, before, k);
      w.printf(Locale.ROOT, "  %s: RMSE %s, at %.2f s %s; %s%n", vars.get(k), g(before.rmse()[k]), (last + 1) * period,
          g(before.rmseByHorizon()[k][last]), div == null
              ? "within " + g(tolerance) + " of its spread (" + g(c.scale()[k]) + ") at every horizon"
              : String.format(Locale.ROOT, "diverges (error > %s x its spread %s) after %.2f s", g(tolerance),
                  g(c.scale()[k]), div));
    }
    fitted.ifPresent(r -> {
      w.printf(Locale.ROOT, "  fit (least squares, Nelder-Mead, %d simulations): mean squared error %s -> %s "
          + "(each variable in units of its spread)%n", r.evaluations(), g(r.costBefore()), g(r.costAfter()));
      for (ParameterFit.Estimate e : r.estimates()) {
        w.printf(Locale.ROOT, "    %s: %s -> %s %s%n", e.name(), g(e.start()), g(e.value()), e.determined()
            ? String.format(Locale.ROOT, "+- %s (95%%: %s .. %s)", g(e.stderr()), g(e.value() - 1.96 * e.stderr()),
                g(e.value() + 1.96 * e.stderr()))
            : "(not determined by this recording: another fitted parameter trades off against it)");
      }
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < vars.size(); k++) {
        b.append(b.isEmpty() ? "" : ", ").append(vars.get(k)).append(' ').append(g(before.rmse()[k])).append(" -> ")
            .append(g(after.orElseThrow().rmse()[k]));
      }
      w.printf("  RMSE before -> after the fit: %s%n", b);
    });
    if (!noPlot) w.printf("  -> %s%n", picture);
  }

  /** Four significant digits without trailing zeros: 10, 0.92, 1.15, 2.257e-11. */
  static String g(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
    String s = String.format(Locale.ROOT, "%.4g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }
}
