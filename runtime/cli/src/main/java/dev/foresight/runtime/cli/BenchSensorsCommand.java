package dev.foresight.runtime.cli;

import com.sun.management.ThreadMXBean;
import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.Platform;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.io.EmulatedIo;
import dev.foresight.runtime.io.DeviceIoAssembly;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.runtime.time.SystemClock;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import dev.foresight.sim.hardware.SimHardware;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight bench sensors --config FILE}: the per-tick cost of reading every sensor of a
 * simulated robot through the driver stack (drivers, Pi4J, the emulated buses and chips), and
 * what it allocates.
 */
@Command(name = "sensors", mixinStandardHelpOptions = true,
    description = {"Time one tick's sensor read (every device channel, through drivers, Pi4J and the emulated "
        + "chips) of a simulated robot; the plant moves between reads under a varying command, untimed.",
        "Reports percentiles of the read time, the bytes allocated, and the I2C transfers of one read (with "
            + "the time they would take on a real 400 kHz bus)."})
final class BenchSensorsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
      description = "A robot config with hardware.platform: sim and devices.")
  Path config;

  @Option(names = "--ticks", paramLabel = "N", defaultValue = "200000", description = "Timed ticks (default: ${DEFAULT-VALUE}).")
  int ticks;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "100000",
      description = "Untimed ticks first, for the JIT (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    LoadedConfig loaded = ConfigLoader.load(config);
    RobotConfig robot = loaded.config();
    if (robot.hardware().platform() != Platform.SIM || robot.devices().isEmpty()) {
      throw new UserException(RunSession.display(config) + ": bench sensors needs hardware.platform: sim and devices "
          + "(try config/examples/pendulum-sim.yaml)");
    }
    if (ticks < 1000 || warmup < 0) throw new UserException("--ticks must be at least 1000 and --warmup at least 0");
    SteppedClock loopClock = new SteppedClock();
    SystemClock timer = new SystemClock();
    long periodNs = robot.loop().periodNs();
    EmulatedIo io;
    try {
      io = DeviceIoAssembly.emulated(robot, loopClock, periodNs);
    } catch (AssemblyException e) {
      throw new UserException(RunSession.display(config) + ": " + e.getMessage());
    }
    try (io) {
      SimHardware sim = io.hardware();
      double[] raw = new double[io.rawNames().size()];
      byte[] status = new byte[raw.length];
      double[] action = new double[robot.action().size()];
      Histogram readNs = new Histogram(10_000_000_000L, 3);
      Histogram ignored = new Histogram(10_000_000_000L, 3);
      long[] bus = new long[2];
      // Warm up with the same method the measurement uses, in short windows, so the JIT compiles
      // it as a method (no on-stack replacement of a long loop, whose transition costs a few bytes).
      int i = 0;
      for (int w = 0; w < warmup / 1000; w++, i += 1000) window(io, sim, loopClock, periodNs, raw, status, action, i, timer, ignored, bus, 1000);
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      long thread = Thread.currentThread().threadId();
      bus[0] = 0;
      bus[1] = 0;
      long allocatedBefore = threads.getThreadAllocatedBytes(thread);
      window(io, sim, loopClock, periodNs, raw, status, action, i, timer, readNs, bus, ticks);
      long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
      double transfersPerTick = (double) bus[0] / ticks;
      double wireUs = (double) bus[1] / ticks / 400e3 * 1e6;
      report(loaded, raw.length, readNs, allocated, transfersPerTick, wireUs);
    }
    return ExitCodes.OK;
  }

  /** Runs {@code n} ticks from tick number {@code first}. */
  private static void window(EmulatedIo io, SimHardware sim, SteppedClock clock, long periodNs, double[] raw, byte[] status,
      double[] action, int first, SystemClock timer, Histogram readNs, long[] bus, int n) {
    for (int i = first; i < first + n; i++) tick(io, sim, clock, periodNs, raw, status, action, i, timer, readNs, bus);
  }

  /**
   * One tick: read every sensor (timed, and its bus transfers and bits added to {@code bus}), then
   * move the plant under a slowly varying command (untimed).
   */
  private static void tick(EmulatedIo io, SimHardware sim, SteppedClock clock, long periodNs, double[] raw, byte[] status,
      double[] action, int i, SystemClock timer, Histogram readNs, long[] bus) {
    clock.advance(periodNs);
    long now = clock.nanoTime();
    long transfers = transfers(sim);
    long bits = bits(sim);
    long t0 = timer.nanoTime();
    io.sense(now, raw, status);
    long t1 = timer.nanoTime();
    bus[0] += transfers(sim) - transfers;
    bus[1] += bits(sim) - bits;
    readNs.recordValue(t1 - t0);
    for (int a = 0; a < action.length; a++) action[a] = 6.0 * Math.sin(i * 0.01);
    io.act(now, action);
  }

  private static long transfers(SimHardware sim) {
    long sum = 0;
    for (int b = 0; b < 32; b++) {
      EmulatedI2cBus bus = sim.busOrNull(b);
      if (bus != null) sum += bus.transfers();
    }
    return sum;
  }

  private static long bits(SimHardware sim) {
    long sum = 0;
    for (int b = 0; b < 32; b++) {
      EmulatedI2cBus bus = sim.busOrNull(b);
      if (bus != null) sum += bus.bits();
    }
    return sum;
  }

  private void report(LoadedConfig loaded, int channels, Histogram readNs, long allocated, double transfersPerTick,
      double wireUs) {
    double allocPerTick = (double) allocated / ticks;
    PrintWriter out = spec.commandLine().getOut();
    String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("robot", loaded.config().robot().id());
      root.put("ticks", ticks);
      root.put("channels", channels);
      Map<String, Object> read = new LinkedHashMap<>();
      read.put("p50", readNs.getValueAtPercentile(50));
      read.put("p99", readNs.getValueAtPercentile(99));
      read.put("p999", readNs.getValueAtPercentile(99.9));
      read.put("max", readNs.getMaxValue());
      root.put("read_ns", read);
      root.put("alloc_bytes", allocated);
      root.put("alloc_bytes_per_tick", allocPerTick);
      root.put("i2c_transfers_per_tick", transfersPerTick);
      root.put("i2c_wire_us_per_tick_at_400khz", Math.round(wireUs * 10) / 10.0);
      root.put("jvm", jvm);
      root.put("cpus", Runtime.getRuntime().availableProcessors());
      out.println(JsonMapper.builder().build().writeValueAsString(root));
    } else {
      out.printf(Locale.ROOT, "foresight bench sensors: %s, %d channels, %d ticks after %d warm-up%n",
          loaded.config().robot().id(), channels, ticks, warmup);
      out.printf(Locale.ROOT, "  read all sensors: p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns%n",
          readNs.getValueAtPercentile(50), readNs.getValueAtPercentile(99), readNs.getValueAtPercentile(99.9),
          readNs.getMaxValue());
      out.printf(Locale.ROOT, "  allocated: %d bytes in %d ticks (%.4f per tick)%n", allocated, ticks, allocPerTick);
      out.printf(Locale.ROOT, "  I2C per read: %.1f transfers, %.0f us on a real 400 kHz bus%n", transfersPerTick, wireUs);
      out.printf(Locale.ROOT, "  %s, %d CPUs%n", jvm, Runtime.getRuntime().availableProcessors());
    }
    out.flush();
  }
}
