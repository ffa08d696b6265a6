package dev.foresight.runtime.cli;

import com.sun.management.ThreadMXBean;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.bench.BenchRobot;
import dev.foresight.runtime.loop.LoopMetrics;
import dev.foresight.runtime.loop.MetricsSnapshot;
import dev.foresight.runtime.loop.Percentiles;
import dev.foresight.runtime.time.SystemClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight bench loop}: the control loop's timing on simulated devices. */
@Command(name = "loop", mixinStandardHelpOptions = true,
    description = {"Run the control loop on simulated devices (encoder, current monitor, e-stop button) with a PID "
        + "controller and the full safety supervisor, in real time, and report its timing: period error "
        + "percentiles, overruns, bytes allocated per tick, and the JVM and garbage collector used.",
        "The warm-up (JIT compilation) is not counted. See docs/benchmarks.md."})
final class BenchLoopCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--rate", paramLabel = "HZ", defaultValue = "1000", description = "Tick rate, 10..1000 Hz (default 1000).")
  int rateHz;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
      description = "Measured time, e.g. 60s, 5m (default 10s).")
  Duration duration;

  @Option(names = "--warmup", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
      description = "Time run before measuring (default 5s).")
  Duration warmup;

  @Option(names = "--planner", paramLabel = "MODE", defaultValue = "none",
      description = "none: the PID controller; inline or async: a random-shooting planner (32 rollouts of 50 "
          + "steps per iteration) in the tick or on its own thread (default none).")
  String planner;

  @Option(names = "--realtime-priority", paramLabel = "N", defaultValue = "80",
      description = "SCHED_FIFO priority of the control thread, 1..98, or 0 for normal scheduling (default 80, "
          + "as loop.realtime_priority; needs CAP_SYS_NICE, else a warning and normal scheduling).")
  int priority;

  @Option(names = "--cpu", paramLabel = "N", defaultValue = "-1", description = "Pin the control thread to this CPU "
      + "(default -1: any).")
  int cpu;

  @Option(names = "--background-alloc", paramLabel = "MB/S", defaultValue = "0",
      description = "Allocate this many MB/s on another thread while measuring, as telemetry and recording "
          + "would, to see garbage collection in the loop's timing (default 0).")
  int backgroundMbPerS;

  @Option(names = "--json", description = "Print the results as one JSON object.")
  boolean json;

  /** The --realtime-priority rule both loop benchmarks share. */
  static void checkPriority(int priority) {
    if (priority < 0 || priority > 98) {
      throw new UserException("--realtime-priority: " + priority + " is out of range (1..98, or 0 for normal scheduling)");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (rateHz < 10 || rateHz > 1000) throw new UserException("--rate: " + rateHz + " Hz is out of range (10..1000)");
    checkPriority(priority);
    BenchRobot.PlannerMode mode = switch (planner) {
      case "none" -> BenchRobot.PlannerMode.NONE;
      case "inline" -> BenchRobot.PlannerMode.INLINE;
      case "async" -> BenchRobot.PlannerMode.ASYNC;
      default -> throw new UserException("--planner: '" + planner + "' is not none, inline or async");
    };
    if (backgroundMbPerS < 0 || backgroundMbPerS > 1000) {
      throw new UserException("--background-alloc: " + backgroundMbPerS + " MB/s is out of range (0..1000)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!json) {
      err.printf(Locale.ROOT, "foresight: bench loop at %d Hz for %s (after %s warm-up)...%n", rateHz,
          dev.foresight.config.Durations.format(duration), dev.foresight.config.Durations.format(warmup));
      err.flush();
    }
    Map<String, Object> result;
    try (Robot robot = BenchRobot.assemble(rateHz, mode, priority, cpu, new SystemClock());
        Garbage garbage = new Garbage(backgroundMbPerS)) {
      robot.safety().arm("bench");
      robot.start(Long.MAX_VALUE);
      Thread.sleep(warmup.toMillis());
      garbage.start();
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      long loopThread = robot.runner().thread().threadId();
      LoopMetrics.Window window = robot.loop().metrics().window();
      Map<String, long[]> gcBefore = gcTotals();
      long bytesBefore = threads.getThreadAllocatedBytes(loopThread);
      Thread.sleep(duration.toMillis());
      MetricsSnapshot m = window.take();
      long bytes = threads.getThreadAllocatedBytes(loopThread) - bytesBefore;
      Map<String, long[]> gcAfter = gcTotals();
      robot.drainEvents();
      Map<String, Object> gc = new LinkedHashMap<>();
      gcAfter.forEach((name, after) -> {
        long[] before = gcBefore.getOrDefault(name, new long[2]);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("count", after[0] - before[0]);
        counts.put("time_ms", after[1] - before[1]);
        gc.put(name, counts);
      });
      result = result(m, bytes, gc, robot);
    }
    if (json) {
      out.println(JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(result));
    } else {
      text(out, result);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Map<String, Object> result(MetricsSnapshot m, long bytes, Map<String, Object> gc, Robot robot) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rate_hz", rateHz);
    r.put("planner", planner);
    r.put("scheduling", robot.runner().scheduling());
    r.put("background_alloc_mb_s", backgroundMbPerS);
    r.put("duration_s", duration.toMillis() / 1000.0);
    r.put("ticks", m.ticks());
    r.put("period_error_us", percentiles(m.periodErrorUs()));
    r.put("overruns", m.overruns());
    r.put("skipped_periods", m.skippedPeriods());
    r.put("plans_late", m.plansLate());
    r.put("alloc_bytes_per_tick", m.ticks() == 0 ? 0.0 : Math.round(1000.0 * bytes / m.ticks()) / 1000.0);
    r.put("tick_us", percentiles(m.tickUs()));
    Map<String, Object> phases = new LinkedHashMap<>();
    m.phaseUs().forEach((k, v) -> phases.put(k, percentiles(v)));
    r.put("phase_us", phases);
    r.put("mode_at_end", robot.safety().mode().id());
    Map<String, Object> jvm = new LinkedHashMap<>();
    var runtime = ManagementFactory.getRuntimeMXBean();
    jvm.put("version", Runtime.version().toString());
    jvm.put("vm", runtime.getVmName() + " (" + runtime.getVmVendor() + ")");
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) gcs.add(bean.getName());
    jvm.put("gc", String.join(", ", gcs));
    jvm.put("flags", runtime.getInputArguments().stream().filter(a -> a.startsWith("-X")).toList());
    jvm.put("gc_during_run", gc);
    r.put("jvm", jvm);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("load_average", loadAverage());
    r.put("machine", machine);
    return r;
  }

  private static Map<String, Object> percentiles(Percentiles p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", p.p50());
    m.put("p99", p.p99());
    m.put("p999", p.p999());
    m.put("max", p.max());
    return m;
  }

  /** Collections and time per collector (ZGC reports pauses and concurrent cycles separately). */
  private static Map<String, long[]> gcTotals() {
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      totals.put(gc.getName(), new long[] {Math.max(0, gc.getCollectionCount()), Math.max(0, gc.getCollectionTime())});
    }
    return totals;
  }

  /** The 1, 5 and 15 minute load averages (Linux), or the JVM's 1 minute figure. */
  private static List<Double> loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    } catch (IOException | RuntimeException e) {
      return List.of(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  @SuppressWarnings("unchecked")
  private static void text(PrintWriter out, Map<String, Object> r) {
    Map<String, Object> pe = (Map<String, Object>) r.get("period_error_us");
    Map<String, Object> jvm = (Map<String, Object>) r.get("jvm");
    out.printf(Locale.ROOT, "bench loop: %s Hz, %s ticks in %s s, planner %s, scheduling %s, mode %s at the end%n",
        r.get("rate_hz"), r.get("ticks"), r.get("duration_s"), r.get("planner"), r.get("scheduling"),
        r.get("mode_at_end"));
    out.printf(Locale.ROOT, "  period error (us): p50 %s  p99 %s  p99.9 %s  max %s%n", pe.get("p50"), pe.get("p99"),
        pe.get("p999"), pe.get("max"));
    out.printf(Locale.ROOT, "  overruns %s (skipped periods %s); late plans %s; allocated %s bytes per tick%n",
        r.get("overruns"), r.get("skipped_periods"), r.get("plans_late"), r.get("alloc_bytes_per_tick"));
    out.printf(Locale.ROOT, "  phases (us, p50 / p99 / max):%n");
    ((Map<String, Object>) r.get("phase_us")).forEach((phase, v) -> {
      Map<String, Object> p = (Map<String, Object>) v;
      out.printf(Locale.ROOT, "    %-9s %8s / %8s / %8s%n", phase, p.get("p50"), p.get("p99"), p.get("max"));
    });
    out.printf(Locale.ROOT, "  JVM %s, %s; GC %s%n", jvm.get("version"), jvm.get("vm"), jvm.get("gc"));
    List<String> collections = new ArrayList<>();
    ((Map<String, Object>) jvm.get("gc_during_run")).forEach((name, v) -> {
      Map<String, Object> c = (Map<String, Object>) v;
      if (((Number) c.get("count")).longValue() > 0) {
        collections.add(name + " " + c.get("count") + " (" + c.get("time_ms") + " ms)");
      }
    });
    out.printf(Locale.ROOT, "  GC during the run: %s%n", collections.isEmpty() ? "none" : String.join(", ", collections));
    out.printf(Locale.ROOT, "  flags %s%n", jvm.get("flags"));
    out.printf(Locale.ROOT, "  machine %s%n", r.get("machine"));
  }

  /** A background thread allocating short-lived garbage at a steady rate, like a telemetry encoder. */
  static final class Garbage implements AutoCloseable {
    private final int mbPerS;
    private volatile boolean running = true;
    private Thread thread;
    static volatile Object sink;

    Garbage(int mbPerS) {
      this.mbPerS = mbPerS;
    }

    void start() {
      if (mbPerS == 0) return;
      thread = Thread.ofPlatform().name("bench-garbage").daemon(true).start(() -> {
        // 100 slices a second, each of mbPerS / 100 MB in 1 KB arrays.
        int arraysPerSlice = mbPerS * 1024 / 100;
        while (running) {
          for (int i = 0; i < arraysPerSlice; i++) sink = new byte[1024];
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      if (thread != null) thread.join(1000);
    }
  }
}
