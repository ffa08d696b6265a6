package dev.foresight.runtime.tools;

import dev.foresight.runtime.cli.DurationConverter;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.tools.TrustBench.Arm;
import dev.foresight.runtime.tools.TrustBench.Episode;
import dev.foresight.runtime.tools.TrustScenarios.Robot;
import dev.foresight.runtime.tools.TrustScenarios.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight sim trust}: the trust monitor's benchmark (docs/trust.md, docs/results.md). */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = {"Benchmark the trust monitor: the robots that plan on the shipped learned int8 models meet a "
        + "plant that changes mid-episode (mass, friction, actuator gain, latency, sensor bias); per scenario the "
        + "detection delay and the return after the change without the monitor and with monitor + fallback, and the "
        + "false alarms per hour on the nominal plant.",
        "Each episode runs the robot as foresight run assembles it, on a stepped simulated clock as fast as the "
            + "machine allows; a seed gives the same numbers every time."})
final class SimTrustCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Length of each false-alarm episode. */
  static final double NOMINAL_EPISODE_S = 60.0;
  /** Seeds of the false-alarm episodes start here (plus --seed), away from the scenarios'. */
  static final long NOMINAL_SEEDS = 100_000;

  @Spec CommandSpec spec;

  @Option(names = "--episodes", defaultValue = "10", paramLabel = "N", description = "Episodes per scenario and arm (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Episode i starts from seed S + i (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--window", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "D",
      description = "Returns are summed over this long after the change (default ${DEFAULT-VALUE}).")
  Duration window;

  @Option(names = "--nominal-hours", defaultValue = "10", paramLabel = "H",
      description = "Simulated hours per robot of nominal running with the fallback controller driving and the "
          + "monitor watching the model, for the false-alarm rate (default ${DEFAULT-VALUE}).")
  double nominalHours;

  @Option(names = "--nominal-planner-hours", defaultValue = "0.1", paramLabel = "H",
      description = "Extra simulated hours per robot of nominal running with the planner driving (about 75 s of "
          + "computing per simulated minute on a 2-core machine; default ${DEFAULT-VALUE}).")
  double nominalPlannerHours;

  @Option(names = "--scenario", paramLabel = "NAME", description = "Run only these scenarios (repeatable; default all).")
  List<String> only;

  @Option(names = "--plot-dir", paramLabel = "DIR", description = "Write a plot per scenario here (<name>.png).")
  Path plotDir;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Episodes run in parallel (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (episodes < 1) throw new UserException("--episodes must be at least 1");
    if (threads < 1) throw new UserException("--threads must be at least 1");
    if (!(nominalHours >= 0) || !(nominalPlannerHours >= 0)) {
      throw new UserException("--nominal-hours and --nominal-planner-hours must be >= 0");
    }
    if (window.isNegative() || window.isZero()) throw new UserException("--window must be positive");
    List<Robot> robots = TrustScenarios.robots(Path.of(System.getProperty("foresight.home", ".")));
    List<Scenario> scenarios = select(TrustScenarios.all(robots));
    if (plotDir != null) Files.createDirectories(plotDir);
    List<Robot> used = robots.stream().filter(r -> scenarios.stream().anyMatch(s -> s.robot() == r)).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // Submitted all at once so the threads stay busy; read back in order.
      Map<Robot, List<Future<Episode>>> nominal = new LinkedHashMap<>();
      Map<Robot, List<Future<Episode>>> nominalAdapted = new LinkedHashMap<>();
      Map<Scenario, Map<Arm, List<Future<Episode>>>> changed = new LinkedHashMap<>();
      Map<Robot, List<Future<Episode>>> plannerNominal = new LinkedHashMap<>();
      Map<Robot, List<Future<Episode>>> fallbackNominal = new LinkedHashMap<>();
      for (Robot r : used) {
        int steps = steps(r, r.changeAtS() + seconds(window));
        nominal.put(r, submit(pool, r, Arm.MONITOR, seed, episodes, null, steps));
        nominalAdapted.put(r, submit(pool, r, Arm.ADAPTED, seed, episodes, null, steps));
      }
      for (Scenario s : scenarios) {
        int steps = steps(s.robot(), s.robot().changeAtS() + seconds(window));
        Map<Arm, List<Future<Episode>>> arms = new LinkedHashMap<>();
        for (Arm arm : List.of(Arm.NO_MONITOR, Arm.MONITOR, Arm.ADAPTED)) {
          arms.put(arm, submit(pool, s.robot(), arm, seed, episodes, s.change(), steps));
        }
        changed.put(s, arms);
      }
      for (Robot r : used) {
        int steps = steps(r, NOMINAL_EPISODE_S);
        plannerNominal.put(r, submit(pool, r, Arm.MONITOR, NOMINAL_SEEDS + seed,
            (int) Math.ceil(nominalPlannerHours * 3600 / NOMINAL_EPISODE_S), null, steps));
        fallbackNominal.put(r, submit(pool, r, Arm.FALLBACK_DRIVES, NOMINAL_SEEDS + seed,
            (int) Math.ceil(nominalHours * 3600 / NOMINAL_EPISODE_S), null, steps));
      }

      List<Map<String, Object>> rows = new ArrayList<>();
      Map<Robot, List<Episode>> nominalDone = new LinkedHashMap<>();
      for (Robot r : used) nominalDone.put(r, get(nominal.get(r)));
      for (Scenario s : scenarios) {
        List<Episode> base = nominalDone.get(s.robot());
        List<Episode> none = get(changed.get(s).get(Arm.NO_MONITOR));
        List<Episode> watched = get(changed.get(s).get(Arm.MONITOR));
        List<Episode> adapted = get(changed.get(s).get(Arm.ADAPTED));
        rows.add(row(s, base, none, watched, adapted, get(nominalAdapted.get(s.robot()))));
        if (plotDir != null) plot(s, base.getFirst(), none.getFirst(), watched.getFirst(), adapted.getFirst());
      }

      // False alarms: every nominal tick the monitor judged (the scenarios' nominal episodes, the
      // extra planner hours and the fallback-driven hours), and the scenarios' ticks before the change.
      List<Map<String, Object>> runs = new ArrayList<>();
      double hours = 0;
      long alarms = 0;
      for (Robot r : used) {
        List<Episode> planner = new ArrayList<>(nominalDone.get(r));
        planner.addAll(get(plannerNominal.get(r)));
        for (Scenario s : scenarios) {
          if (s.robot() != r) continue;
          for (Episode e : get(changed.get(s).get(Arm.MONITOR))) planner.add(beforeChange(e));
        }
        List<Episode> fallback = get(fallbackNominal.get(r));
        for (Map.Entry<String, List<Episode>> e : Map.of("planner", planner, "fallback", fallback).entrySet()
            .stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())).toList()) {
          double h = e.getValue().stream().mapToDouble(x -> x.reward().length * x.dtS()).sum() / 3600;
          long a = e.getValue().stream().mapToLong(Episode::alarmCount).sum();
          if (h == 0) continue;
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("robot", r.name());
          m.put("driver", e.getKey().equals("planner") ? "planner on the learned model (" + r.primary().config()
              .controller().type() + ")" : "fallback " + r.fallback().type() + " (from " + r.fallbackFrom() + ")");
          m.put("episodes", e.getValue().size());
          m.put("hours", h);
          m.put("false_alarms", a);
          Map<String, Long> byChannel = new java.util.TreeMap<>();
          for (Episode x : e.getValue()) for (String ch : x.alarmChannels()) byChannel.merge(ch, 1L, Long::sum);
          m.put("false_alarm_channels", byChannel);
          m.put("false_alarms_per_hour", a / h);
          m.put("false_alarms_per_hour_upper_95", poissonUpper95(a) / h);
          runs.add(m);
          hours += h;
          alarms += a;
        }
      }
      out.put("false_alarms_per_hour", hours > 0 ? alarms / hours : null);
      out.put("false_alarm_hours", hours);
      out.put("false_alarms", alarms);
      out.put("false_alarms_per_hour_upper_95", hours > 0 ? poissonUpper95(alarms) / hours : null);
      out.put("nominal_runs", runs);
      out.put("episodes", episodes);
      out.put("seed", seed);
      out.put("window_s", seconds(window));
      out.put("reward", used.stream().map(r -> r.name() + ": " + r.rewardFormula()).toList());
      out.put("adaptation", "trust.adaptation.enabled with its defaults (docs/trust.md)");
      out.put("scenarios", rows);
    } finally {
      pool.shutdownNow();
    }
    PrintWriter o = spec.commandLine().getOut();
    if (json) o.println(JSON.writeValueAsString(out));
    else text(out, o);
    o.flush();
    return ExitCodes.OK;
  }

  private List<Scenario> select(List<Scenario> all) {
    if (only == null || only.isEmpty()) return all;
    List<Scenario> out = new ArrayList<>();
    List<String> names = all.stream().map(Scenario::name).toList();
    for (String n : only) {
      Scenario s = all.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() -> new UserException(
          "--scenario " + n + ": no such scenario (scenarios: " + String.join(", ", names) + ")"));
      if (!out.contains(s)) out.add(s);
    }
    return out;
  }

  private static double seconds(Duration d) {
    return d.toNanos() * 1e-9;
  }

  private static int steps(Robot r, double seconds) {
    return (int) Math.round(seconds * r.primary().config().loop().rateHz());
  }

  private static List<Future<Episode>> submit(ExecutorService pool, Robot r, Arm arm, long firstSeed, int n,
      dev.foresight.sim.PlantChange change, int steps) {
    List<Future<Episode>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long s = firstSeed + i;
      out.add(pool.submit(() -> TrustBench.run(r, arm, s, change, steps)));
    }
    return out;
  }

  private static List<Episode> get(List<Future<Episode>> futures) throws InterruptedException {
    List<Episode> out = new ArrayList<>();
    for (Future<Episode> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new IllegalStateException(e.getCause());
      }
    }
    return out;
  }

  /** The part of an episode before its change (nominal running). */
  private static Episode beforeChange(Episode e) {
    int n = Math.min(e.changeStep(), e.reward().length);
    double[][] state = Arrays.copyOf(e.state(), n);
    return new Episode(Arrays.copyOf(e.reward(), n), Arrays.copyOf(e.trust(), n), Arrays.copyOf(e.mode(), n),
        Arrays.copyOf(e.version(), n), state, Arrays.copyOf(e.alarms(), n),
        e.alarmChannels().subList(0, e.alarmsBeforeChange()), Integer.MAX_VALUE, e.dtS());
  }

  private Map<String, Object> row(Scenario s, List<Episode> base, List<Episode> none, List<Episode> watched,
      List<Episode> adapted, List<Episode> adaptedNominal) {
    Episode first = watched.getFirst();
    int from = first.changeStep();
    int to = from + (int) Math.round(seconds(window) / first.dtS());
    double nominal = mean(base, from, to);
    double noMonitor = mean(none, from, to);
    double monitor = mean(watched, from, to);
    List<Double> delays = new ArrayList<>();
    int detected = 0;
    for (Episode e : watched) {
      double d = e.detectionDelayS();
      delays.add(d < 0 ? null : d);
      if (d >= 0) detected++;
    }
    double[] sorted = delays.stream().mapToDouble(d -> d == null ? Double.POSITIVE_INFINITY : d).sorted().toArray();
    double median = sorted[(sorted.length - 1) / 2];
    double max = sorted[sorted.length - 1];
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("robot", s.robot().name());
    m.put("change", s.description());
    m.put("change_at_s", s.robot().changeAtS());
    m.put("detection_delay_s", Double.isFinite(median) ? median : null);
    m.put("detection_delay_max_s", Double.isFinite(max) ? max : null);
    m.put("detected", detected);
    m.put("episodes", watched.size());
    m.put("detection_delays_s", delays);
    m.put("return_before_change", mean(base, 0, from));
    m.put("return_nominal", nominal);
    m.put("return_no_adaptation", noMonitor);
    m.put("return_no_adaptation_fraction", noMonitor / nominal);
    m.put("return_monitor_fallback", monitor);
    m.put("return_monitor_fallback_fraction", monitor / nominal);
    double adaptedReturn = mean(adapted, from, to);
    m.put("return_adapted", adaptedReturn);
    m.put("return_recovered_fraction", adaptedReturn / nominal);
    // After the first swap: the adapted episode's reward from that tick to the end of the window,
    // against the nominal episode of the same seed over the same ticks.
    double afterSwap = 0;
    double nominalAfterSwap = 0;
    int swapped = 0;
    for (int i = 0; i < adapted.size(); i++) {
      int t = adapted.get(i).firstSwap(from);
      if (t < 0 || t >= to) continue;
      swapped++;
      afterSwap += adapted.get(i).returnOver(t, to);
      nominalAfterSwap += base.get(i).returnOver(t, to);
    }
    m.put("episodes_swapped", swapped);
    m.put("return_after_swap_fraction", swapped > 0 && nominalAfterSwap > 0 ? afterSwap / nominalAfterSwap : null);
    m.put("swaps", adapted.stream().mapToInt(Episode::versionChanges).sum());
    var firstSwap = adapted.stream().mapToInt(e -> e.firstSwap(from)).filter(t -> t >= 0)
        .mapToDouble(t -> (t - from) * first.dtS()).average();
    m.put("first_swap_s", firstSwap.isPresent() ? firstSwap.getAsDouble() : null);
    double adaptedUnchanged = mean(adaptedNominal, from, to);
    m.put("return_adapted_unchanged_plant", adaptedUnchanged);
    m.put("return_adapted_unchanged_plant_fraction", adaptedUnchanged / nominal);
    m.put("fallback_s_after_change", watched.stream().mapToDouble(e -> e.ticksInMode(1, from) * e.dtS()).average()
        .orElse(0));
    m.put("stopped_episodes", watched.stream().filter(e -> e.ticksInMode(2, from) > 0).count());
    m.put("alarms_before_change", watched.stream().mapToInt(Episode::alarmsBeforeChange).sum());
    m.put("window_s", seconds(window));
    return m;
  }

  private static double mean(List<Episode> episodes, int from, int to) {
    return episodes.stream().mapToDouble(e -> e.returnOver(from, to)).average().orElse(Double.NaN);
  }

  private void plot(Scenario s, Episode base, Episode none, Episode watched, Episode adapted) throws IOException {
    Map<String, Episode> arms = new LinkedHashMap<>();
    arms.put("nominal plant", base);
    arms.put("changed, no monitor", none);
    arms.put("changed, monitor + fallback", watched);
    arms.put("changed, adapted", adapted);
    String title = String.format(Locale.ROOT, "sim trust %s: %s at %.1f s (seed %d)", s.name(), s.description(),
        s.robot().changeAtS(), seed);
    TrustPlot.write(title, s.robot().primary().config().stateNames(), arms, "changed, adapted",
        plotDir.resolve(s.name() + ".png"));
  }

  /**
   * The upper end of the two-sided... one-sided 95% confidence interval for a Poisson mean after
   * observing {@code k} events: the lambda with P(X <= k) = 0.05 (3.00 for k = 0).
   */
  static double poissonUpper95(long k) {
    double lo = 0;
    double hi = 10 + 4.0 * k;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (poissonCdf(k, mid) > 0.05) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  private static double poissonCdf(long k, double lambda) {
    double term = Math.exp(-lambda);
    double sum = term;
    for (long i = 1; i <= k; i++) {
      term *= lambda / i;
      sum += term;
    }
    return sum;
  }

  @SuppressWarnings("unchecked")
  private static void text(Map<String, Object> out, PrintWriter o) {
    o.printf(Locale.ROOT, "%-24s %9s %8s %9s %9s %9s %9s%n", "scenario", "detect_s", "detected", "nominal",
        "no_mon", "monitor", "adapted");
    for (Map<String, Object> r : (List<Map<String, Object>>) out.get("scenarios")) {
      o.printf(Locale.ROOT, "%-24s %9s %4d/%-3d %9.2f %9.2f %9.2f %9s%n", r.get("name"),
          r.get("detection_delay_s") == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) r.get("detection_delay_s")),
          (Integer) r.get("detected"), (Integer) r.get("episodes"), (Double) r.get("return_nominal"),
          (Double) r.get("return_no_adaptation"), (Double) r.get("return_monitor_fallback"),
          String.format(Locale.ROOT, "%.2f", (Double) r.get("return_adapted")));
    }
    for (Map<String, Object> r : (List<Map<String, Object>>) out.get("nominal_runs")) {
      o.printf(Locale.ROOT, "nominal %s, %s: %d false alarms in %.2f h (rate < %.3f per hour at 95%%)%n",
          r.get("robot"), r.get("driver"), (Long) r.get("false_alarms"), (Double) r.get("hours"),
          (Double) r.get("false_alarms_per_hour_upper_95"));
    }
    o.printf(Locale.ROOT, "false_alarms_per_hour %.4f (%d in %.2f h; < %.4f at 95%%)%n",
        out.get("false_alarms_per_hour") == null ? Double.NaN : (Double) out.get("false_alarms_per_hour"),
        (Long) out.get("false_alarms"), (Double) out.get("false_alarm_hours"),
        out.get("false_alarms_per_hour_upper_95") == null ? Double.NaN : (Double) out.get("false_alarms_per_hour_upper_95"));
    o.println("returns: reward per tick summed over " + out.get("window_s") + " s after the change; "
        + String.join("; ", (List<String>) out.get("reward")));
  }
}
