package dev.foresight.runtime.bench;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The robot of {@code foresight bench loop}: {@code bench-robot.yaml} (the reference pendulum's
 * devices, a PID controller, the full safety supervisor) at a chosen rate, on {@link BenchIo}.
 */
public final class BenchRobot {

  private static final String RESOURCE = "bench-robot.yaml";

  private BenchRobot() {}

  /** How the benchmark robot runs. */
  public enum PlannerMode {
    /** The configured PID controller. */
    NONE,
    /** {@link BenchPlanner} inside the tick. */
    INLINE,
    /** {@link BenchPlanner} on its own thread. */
    ASYNC
  }

  /**
   * The benchmark config, validated like any config file.
   *
   * @param rateHz       10..1000
   * @param planner      which plan stage
   * @param fifoPriority the control thread's SCHED_FIFO priority, 0 for normal scheduling
   * @param cpu          CPU to pin the control thread to, -1 for any
   */
  public static LoadedConfig config(int rateHz, PlannerMode planner, int fifoPriority, int cpu)
      throws ConfigException {
    return config(rateHz, planner, fifoPriority, cpu, 0);
  }

  /**
   * The benchmark config with a telemetry rate (for {@code bench link}); 0 leaves telemetry out.
   *
   * @param telemetryHz telemetry messages per second, at most {@code rateHz}, or 0
   */
  public static LoadedConfig config(int rateHz, PlannerMode planner, int fifoPriority, int cpu, double telemetryHz)
      throws ConfigException {
    return config(rateHz, planner, fifoPriority, cpu, telemetryHz, "bench-loop");
  }

  /**
   * The benchmark config as robot {@code robotId} (for {@code bench fleet}, whose robots need an id
   * each: the id names their topics and MQTT client).
   */
  public static LoadedConfig config(int rateHz, PlannerMode planner, int fifoPriority, int cpu, double telemetryHz,
      String robotId) throws ConfigException {
    String text;
    try (InputStream in = BenchRobot.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = Path.of(RESOURCE).toAbsolutePath();
    String yaml = text.replace("  id: bench-loop", "  id: " + robotId).replace("${RATE}", Integer.toString(rateHz))
        .replace("${PLANNING}", planner == PlannerMode.ASYNC ? "async" : "inline")
        .replace("${PRIORITY}", Integer.toString(fifoPriority))
        .replace("${CPU}", Integer.toString(cpu))
        + (telemetryHz > 0 ? "\ntelemetry:\n  rate_hz: " + telemetryHz + "\n" : "");
    RobotConfig config = ConfigLoader.parse(yaml, file);
    return new LoadedConfig(file, config, "0".repeat(64));
  }

  /** The benchmark robot with the PID controller and normal scheduling, on {@code clock}, not started. */
  public static Robot assemble(int rateHz, Clock clock) throws ConfigException, AssemblyException {
    return assemble(rateHz, PlannerMode.NONE, 0, -1, clock);
  }

  /** The benchmark robot on {@code clock}, assembled and not started. */
  public static Robot assemble(int rateHz, PlannerMode planner, int fifoPriority, int cpu, Clock clock)
      throws ConfigException, AssemblyException {
    return assemble(config(rateHz, planner, fifoPriority, cpu), planner, clock);
  }

  /** The benchmark robot of a benchmark config ({@link #config}) on {@code clock}, assembled and not started. */
  public static Robot assemble(LoadedConfig loaded, PlannerMode planner, Clock clock) throws AssemblyException {
    long periodNs = loaded.config().loop().periodNs();
    BenchIo io = new BenchIo(periodNs);
    if (planner == PlannerMode.NONE) return Robot.assemble(loaded, clock, io);
    return Robot.assemble(loaded, clock, io, new BenchPlanner(50, periodNs, 0.5, 12.0, 2, clock::nanoTime));
  }
}
