package dev.foresight.runtime.lifecycle;

import dev.foresight.runtime.agent.Agent;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds systemd's watchdog ({@code WatchdogSec=} in the unit) from the control loop's health, not
 * from a timer: each cycle (run it every half of the watchdog interval) it sends {@code WATCHDOG=1}
 * only if the loop is running and has ticked since the previous cycle. A stalled or dead loop stops
 * the feeding, so systemd stops the service (the unit's {@code WatchdogSignal=SIGTERM}: the shutdown
 * sequence puts the outputs safe) and {@code Restart=on-failure} starts it again.
 *
 * <pre>{@code
 * long intervalNs = SystemdNotify.watchdogIntervalNs(System.getenv(), ProcessHandle.current().pid());
 * AgentRunner.builder(new SystemdWatchdog(notify, metrics::ticks, runner::running))
 *     .idle(new PeriodicIdleStrategy(intervalNs / 2)).start();
 * }</pre>
 */
public final class SystemdWatchdog implements Agent {

  private static final Logger LOG = LoggerFactory.getLogger(SystemdWatchdog.class);

  private final SystemdNotify notify;
  private final LongSupplier ticks;
  private final BooleanSupplier running;
  private long lastTicks = -1;
  private long fed;
  private boolean starving;
  private boolean sendFailed;

  /**
   * @param notify  where {@code WATCHDOG=1} goes
   * @param ticks   the loop's tick count so far
   * @param running whether the control thread is running
   */
  public SystemdWatchdog(SystemdNotify notify, LongSupplier ticks, BooleanSupplier running) {
    this.notify = notify;
    this.ticks = ticks;
    this.running = running;
  }

  @Override
  public int doWork(long nowNs) {
    long now = ticks.getAsLong();
    boolean healthy = running.getAsBoolean() && now != lastTicks;
    lastTicks = now;
    if (!healthy) {
      if (!starving) {
        LOG.error("control loop {} (tick {}): no longer feeding systemd's watchdog, which stops and restarts the "
            + "service", running.getAsBoolean() ? "stalled" : "is not running", now);
      }
      starving = true;
      return 0;
    }
    if (starving) LOG.warn("control loop ticks again (tick {}): feeding systemd's watchdog again", now);
    starving = false;
    try {
      notify.send("WATCHDOG=1");
      fed++;
      sendFailed = false;
    } catch (IOException e) {
      if (!sendFailed) LOG.warn("{}", e.getMessage());
      sendFailed = true;
    }
    return 1;
  }

  /** How many times {@code WATCHDOG=1} was sent. */
  public long fed() {
    return fed;
  }

  /** Whether the last cycle found the loop stalled or stopped (and did not feed). */
  public boolean starving() {
    return starving;
  }

  @Override
  public String roleName() {
    return "foresight-systemd-watchdog";
  }
}
