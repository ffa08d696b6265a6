package dev.foresight.runtime.cli;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.events.Alert;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.io.DeviceIo;
import dev.foresight.runtime.io.EmulatedIo;
import dev.foresight.runtime.io.DeviceStartException;
import dev.foresight.runtime.lifecycle.ShutdownSequence;
import dev.foresight.runtime.loop.MetricsSnapshot;
import dev.foresight.runtime.record.LiveRecording;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.PacedClock;
import dev.foresight.runtime.time.SteppedClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a robot in the foreground for {@code run} and {@code demo}: assemble, arm if asked, run
 * until the duration ends or Ctrl-C/SIGTERM, keep the operator informed (terminal and MQTT), and
 * leave the outputs safe (the robot's shutdown sequence runs on every way out).
 */
public final class RunSession {

  private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
  private static final JsonMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private RunSession() {}

  /** {@code loaded} with {@code recording.enabled: true}, the rest of its recording section as it is. */
  private static LoadedConfig recording(LoadedConfig loaded) {
    RobotConfig c = loaded.config();
    return loaded.withConfig(c.withRecording(c.recording().withEnabled(true)));
  }

  /**
   * @param configFile the robot config
   * @param duration   how long to run, or null for until Ctrl-C
   * @param arm        arm at start even if the config does not say so (demo)
   * @param live       show live progress
   * @param json       print the summary as one JSON object (and nothing else on stdout)
   * @param broker     the {@code --broker} option, or null for the config's {@code telemetry.broker}
   * @param record     the {@code --record} option: record even if the config's {@code recording.enabled} is false
   * @param out        where progress and the summary go
   * @return the exit code
   */
  static int run(Path configFile, Duration duration, boolean arm, boolean live, boolean json, String broker,
      boolean record, PrintWriter out) throws ConfigException, InterruptedException {
    LoadedConfig loaded = ConfigLoader.load(configFile);
    if (record) loaded = recording(loaded);
    Robot robot;
    try {
      robot = Robot.assemble(loaded);
    } catch (DeviceStartException e) {
      out.printf("foresight: %s: a required device failed its start-up check; the robot does not run%n",
          loaded.config().robot().id());
      for (String line : e.report().lines()) out.println(line);
      out.printf("foresight: foresight doctor --config %s shows every device in detail%n", display(configFile));
      out.flush();
      return ExitCodes.FAILURE;
    } catch (AssemblyException e) {
      throw new UserException(configFile + ": " + e.getMessage());
    }
    robot.simulation().ifPresent(run -> LOG.info("sim: {}", run.describe()));
    LiveRecording recording = null;
    if (loaded.config().recording().enabled()) {
      try {
        recording = LiveRecording.start(robot, "foresight " + VersionProvider.version());
      } catch (IOException e) {
        robot.close();
        throw new UserException(configFile + ": recording.dir: cannot record into " + loaded.config().recording().dir()
            + " (" + e.getMessage() + ")");
      } catch (ModelException e) {
        robot.close();
        throw new UserException(configFile + ": model: " + e.getMessage() + " (needed to record predictions; "
            + "recording.predict: false records without them)");
      }
    }
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C or SIGTERM: outputs safe at once, then the loop stops; wait (briefly) for the summary.
    Thread onSignal = Thread.ofPlatform().name("foresight-signal").unstarted(() -> {
      robot.shutdown().run("signal (Ctrl-C or SIGTERM)");
      try {
        finished.await(3, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(onSignal);
    SystemdSession systemd = SystemdSession.open(robot);
    try (robot; LinkSession link = LinkSession.open(robot, broker, arm)) {
      // Operators hear that the robot stops (last events, offline status) after the loop has stopped.
      robot.shutdown().register(ShutdownSequence.Stage.NOTIFY, "operator link", reason -> link.close());
      link.awaitEmbeddedBroker(5_000);
      if (arm || loaded.config().safety().armOnStart()) robot.safety().arm(arm ? "demo" : "config");
      if (!json) {
        out.printf(Locale.ROOT, "foresight: %s from %s at %d Hz, controller %s, %s; %s%n",
            loaded.config().robot().id(), display(configFile), loaded.config().loop().rateHz(),
            robot.controller().name(), robot.safety().mode().id(),
            duration != null ? "stopping after " + duration.toMillis() / 1000.0 + " s" : "Ctrl-C stops");
        DeviceIo devices = robot.io() instanceof EmulatedIo emulated ? emulated.drivers()
            : robot.io() instanceof DeviceIo d ? d : null;
        if (devices != null) {
          var entries = devices.report().entries();
          out.printf(Locale.ROOT, "  devices: %s%n", String.join(", ", entries.stream()
              .map(e -> e.name() + " " + (e.result().ok() ? "ok"
                  : e.result().verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '))).toList()));
        }
        if (!link.summary().isEmpty()) out.println("foresight: telemetry: " + link.summary());
        if (!link.dashboardLine().isEmpty()) out.println("foresight: " + link.dashboardLine());
        if (recording != null) out.println("foresight: recording to " + display(recording.file()));
      }
      out.flush();
      LiveView view = live ? new LiveView(robot, out) : null;
      long wallStart = System.nanoTime();
      robot.start(duration != null ? duration.toNanos() : Long.MAX_VALUE);
      if (view != null) view.start();
      if (systemd != null) systemd.ready(robot);
      robot.runner().awaitStop(Long.MAX_VALUE);
      if (view != null) view.stop();
      long wallNs = System.nanoTime() - wallStart;
      robot.drainEvents();
      if (json) return jsonSummary(robot, recording, out);
      int code = summary(robot, out, wallNs);
      if (recording != null && recording.failed()) {
        out.printf(Locale.ROOT, "  recording: %s stopped on an error after %d ticks; it reads up to its last complete chunk%n",
            display(recording.file()), recording.ticksWritten());
      } else if (recording != null) {
        out.printf(Locale.ROOT, "  recording: %s (%d ticks, %d dropped)%n", display(recording.file()),
            recording.ticksRecorded(), recording.ticksDropped());
      }
      if (!link.summary().isEmpty()) out.println(link.stats());
      out.flush();
      return code;
    } finally {
      if (systemd != null) systemd.close();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running and waits for us.
      }
    }
  }

  /** The path as the user would type it from here: relative when under the working folder. */
  public static Path display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }

  /** The summary as one JSON object: robot, ticks, mode, the loop's metrics and the alerts. */
  private static int jsonSummary(Robot robot, LiveRecording recording, PrintWriter out) {
    MetricsSnapshot m = robot.loop().metrics().snapshot();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("robot", robot.config().robot().id());
    r.put("seconds", m.ticks() * robot.runner().periodNs() * 1e-9);
    r.put("mode", robot.safety().mode().id());
    r.put("reason", robot.safety().reason());
    r.put("metrics", m);
    if (robot.loop().costTicks() > 0) r.put("cost_mean", robot.loop().costSum() / robot.loop().costTicks());
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Alert a : robot.alerts().list()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("severity", a.severity().id());
      j.put("cause", a.cause().id());
      j.put("subject", a.subject());
      j.put("active", a.active());
      j.put("count", a.count());
      j.put("message", a.message());
      alerts.add(j);
    }
    r.put("alerts", alerts);
    if (recording != null) {
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("file", recording.file().toString());
      rec.put("ticks", recording.failed() ? recording.ticksWritten() : recording.ticksRecorded());
      rec.put("dropped", recording.ticksDropped());
      rec.put("failed", recording.failed());
      r.put("recording", rec);
    }
    out.println(JSON.writeValueAsString(r));
    out.flush();
    return exitCode(robot, m);
  }

  private static int exitCode(Robot robot, MetricsSnapshot m) {
    Mode mode = robot.safety().mode();
    Cause cause = robot.safety().stopCause();
    boolean faulted = (mode == Mode.SAFE_STOP || mode == Mode.ESTOP) && cause != Cause.COMMAND
        && cause != Cause.SHUTDOWN;
    return m.tickErrors() > 0 || faulted ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** Prints the summary; returns 1 when the run ended in a stop caused by a fault, else 0. */
  private static int summary(Robot robot, PrintWriter out, long wallNs) {
    MetricsSnapshot m = robot.loop().metrics().snapshot();
    double seconds = m.ticks() * robot.runner().periodNs() * 1e-9;
    Mode mode = robot.safety().mode();
    String reason = robot.safety().reason();
    out.printf(Locale.ROOT, "foresight: %d ticks (%.1f s at %d Hz), mode %s%s%n", m.ticks(), seconds,
        m.rateHz(), mode.id(), reason.isEmpty() ? "" : " (" + reason + ")");
    if (robot.clock() instanceof PacedClock paced) {
      // Simulated time: ticks land exactly on their deadlines; what matters is keeping up with the wall.
      out.printf(Locale.ROOT, "  simulated time, paced: at most %d us behind the wall clock; tick errors %d; "
          + "late plans %d%n", paced.maxLagNs() / 1000, m.tickErrors(), m.plansLate());
    } else if (robot.clock() instanceof SteppedClock) {
      out.printf(Locale.ROOT, "  simulated time, as fast as possible: %.0fx real time; tick errors %d; late plans %d%n",
          seconds / Math.max(1e-9, wallNs * 1e-9), m.tickErrors(), m.plansLate());
    } else {
      out.printf(Locale.ROOT, "  period error p50 %.0f us, p99 %.0f us, max %.0f us; overruns %d; tick errors %d; "
              + "late plans %d%n", m.periodErrorUs().p50(), m.periodErrorUs().p99(), m.periodErrorUs().max(),
          m.overruns(), m.tickErrors(), m.plansLate());
    }
    double costSum = robot.loop().costSum();
    long costTicks = robot.loop().costTicks();
    if (costTicks > 0) {
      out.printf(Locale.ROOT, "  cost: mean %.3f per tick, total %.1f over %d ticks%n", costSum / costTicks, costSum,
          costTicks);
    }
    List<Alert> alerts = robot.alerts().list();
    if (!alerts.isEmpty()) {
      out.printf(Locale.ROOT, "  alerts (%d):%n", alerts.size());
      for (Alert a : alerts) {
        out.printf(Locale.ROOT, "    %-8s %s%s%n", a.severity().id(), a.message(), a.active() ? "" : " (cleared)");
      }
    }
    out.flush();
    return exitCode(robot, m);
  }
}
