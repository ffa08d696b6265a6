package dev.foresight.runtime.cli;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.loop.LoopStats;
import dev.foresight.runtime.time.PacedClock;
import dev.foresight.runtime.time.SteppedClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a robot in the foreground for {@code run} and {@code demo}: assemble, arm if asked, run
 * until the duration ends or Ctrl-C, keep the operator informed, and leave the outputs safe.
 */
final class RunSession {

  private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);

  private RunSession() {}

  /**
   * @param configFile the robot config
   * @param duration   how long to run, or null for until Ctrl-C
   * @param arm        arm at start even if the config does not say so (demo)
   * @param live       show live progress
   * @param broker     the {@code --broker} option, or null for the config's {@code telemetry.broker}
   * @param out        where progress and the summary go
   * @return the exit code
   */
  static int run(Path configFile, Duration duration, boolean arm, boolean live, String broker, PrintWriter out)
      throws ConfigException, InterruptedException {
    LoadedConfig loaded = ConfigLoader.load(configFile);
    Robot robot;
    try {
      robot = Robot.assemble(loaded);
    } catch (AssemblyException e) {
      throw new UserException(configFile + ": " + e.getMessage());
    }
    robot.simulation().ifPresent(run -> LOG.info("sim: {}", run.describe()));
    CountDownLatch finished = new CountDownLatch(1);
    Thread onCtrlC = Thread.ofPlatform().unstarted(() -> {
      try {
        robot.runner().stop();
        finished.await(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try (robot; LinkSession link = LinkSession.open(robot, broker, arm)) {
      if (arm || loaded.config().safety().armOnStart()) robot.safety().arm();
      out.printf(Locale.ROOT, "foresight: %s from %s at %d Hz, controller %s, %s; %s%n",
          loaded.config().robot().id(), display(configFile), loaded.config().loop().rateHz(), robot.controller().name(),
          robot.safety().mode().id(), duration != null ? "stopping after " + duration.toMillis() / 1000.0 + " s"
              : "Ctrl-C stops");
      if (!link.summary().isEmpty()) out.println("foresight: telemetry: " + link.summary());
      out.flush();
      LiveView view = live ? new LiveView(robot, out) : null;
      long wallStart = System.nanoTime();
      robot.runner().start(duration != null ? duration.toNanos() : Long.MAX_VALUE);
      if (view != null) view.start();
      robot.runner().awaitStop(Long.MAX_VALUE);
      if (view != null) view.stop();
      summary(robot, out, System.nanoTime() - wallStart);
      if (!link.summary().isEmpty()) out.println(link.stats());
      out.flush();
      return robot.loop().stats().faults() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running and waits for us.
      }
    }
  }

  /** The path as the user would type it from here: relative when under the working folder. */
  static Path display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }

  private static void summary(Robot robot, PrintWriter out, long wallNs) {
    LoopStats stats = robot.loop().stats();
    double seconds = stats.ticks() * robot.runner().periodNs() * 1e-9;
    out.printf(Locale.ROOT, "foresight: %d ticks (%.1f s at %d Hz), mode %s%s%n", stats.ticks(), seconds,
        robot.config().loop().rateHz(), robot.safety().mode().id(),
        robot.safety().reason().isEmpty() ? "" : " (" + robot.safety().reason() + ")");
    if (robot.clock() instanceof PacedClock paced) {
      // Simulated time: ticks land exactly on their deadlines; what matters is keeping up with the wall.
      out.printf(Locale.ROOT, "  simulated time, paced: at most %d us behind the wall clock; faults %d%n",
          paced.maxLagNs() / 1000, stats.faults());
    } else if (robot.clock() instanceof SteppedClock) {
      out.printf(Locale.ROOT, "  simulated time, as fast as possible: %.0fx real time; faults %d%n",
          seconds / Math.max(1e-9, wallNs * 1e-9), stats.faults());
    } else {
      out.printf(Locale.ROOT, "  period error p50 %d us, p99 %d us, max %d us; overruns %d; faults %d%n",
          stats.periodErrorUs().getValueAtPercentile(50), stats.periodErrorUs().getValueAtPercentile(99),
          stats.periodErrorUs().getMaxValue(), stats.overruns(), stats.faults());
    }
    if (stats.costTicks() > 0) {
      out.printf(Locale.ROOT, "  cost: mean %.3f per tick, total %.1f over %d ticks%n",
          stats.costSum() / stats.costTicks(), stats.costSum(), stats.costTicks());
    }
    out.flush();
  }
}
