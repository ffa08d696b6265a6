package dev.foresight.runtime.cli;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.PeriodicIdleStrategy;
import dev.foresight.runtime.lifecycle.ShutdownSequence;
import dev.foresight.runtime.lifecycle.SystemdNotify;
import dev.foresight.runtime.lifecycle.SystemdWatchdog;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} and {@code demo} tell systemd when it started them ({@code Type=notify} in
 * foresight.service): {@code READY=1} once the loop has made its first tick, {@code WATCHDOG=1}
 * while the loop ticks (when the unit sets {@code WatchdogSec=}), {@code STOPPING=1} when the
 * shutdown sequence runs. Outside systemd (no {@code $NOTIFY_SOCKET}) it does nothing.
 */
final class SystemdSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SystemdSession.class);

  private final SystemdNotify notify;
  private AgentRunner watchdog;
  private boolean stopped;
  private boolean closed;

  private SystemdSession(SystemdNotify notify) {
    this.notify = notify;
  }

  /** The session for this process's environment, or null when systemd did not ask for notifications. */
  static SystemdSession open(Robot robot) {
    Map<String, String> env = System.getenv();
    SystemdNotify notify;
    try {
      notify = SystemdNotify.fromEnvironment(env).orElse(null);
    } catch (IOException e) {
      LOG.warn("{}; systemd will not hear that the robot is ready", e.getMessage());
      return null;
    }
    if (notify == null) return null;
    SystemdSession session = new SystemdSession(notify);
    robot.shutdown().register(ShutdownSequence.Stage.STOP_LOOP, "systemd stopping", reason -> session.stopping());
    return session;
  }

  /**
   * Waits for the loop's first tick (or its end), then sends {@code READY=1} and starts feeding the
   * watchdog if the unit has one.
   */
  void ready(Robot robot) throws InterruptedException {
    while (robot.loop().metrics().ticks() == 0 && robot.runner().running()) Thread.sleep(1);
    if (robot.loop().metrics().ticks() == 0) return;   // ended before its first tick: nothing is ready
    send(String.format(Locale.ROOT, "READY=1\nSTATUS=%s running at %d Hz, %s", robot.config().robot().id(),
        robot.config().loop().rateHz(), robot.safety().mode().id()));
    long intervalNs = SystemdNotify.watchdogIntervalNs(System.getenv(), ProcessHandle.current().pid());
    if (intervalNs > 0) {
      watchdog = AgentRunner.builder(new SystemdWatchdog(notify, robot.loop().metrics()::ticks,
              robot.runner()::running))
          .idle(new PeriodicIdleStrategy(intervalNs / 2)).start();
      LOG.info("feeding systemd's watchdog every {} ms while the loop ticks", intervalNs / 2_000_000);
    }
  }

  private synchronized void stopping() {
    if (stopped) return;
    stopped = true;
    if (watchdog != null) watchdog.close();
    send("STOPPING=1");
  }

  private void send(String message) {
    try {
      notify.send(message);
    } catch (IOException e) {
      LOG.warn("{}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    stopping();
    closed = true;
    notify.close();
  }
}
