package dev.foresight.runtime.events;

import dev.foresight.runtime.time.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's own event consumer, on a low-priority thread: writes every event to the log (one
 * line each, at a level matching its severity, logger {@code dev.foresight.events}) and keeps the
 * {@link Alerts}. Logging happens here, never on the control thread.
 */
public final class EventPump implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.foresight.events");
  private static final long POLL_NS = 20_000_000L;

  private final EventLog.Subscription subscription;
  private final Alerts alerts;
  private PeriodicTask task;
  private long reportedLost;

  /** Consumes {@code log} from its oldest kept event into {@code alerts}. */
  public EventPump(EventLog log, Alerts alerts) {
    this.subscription = log.subscribeFromOldest();
    this.alerts = alerts;
  }

  /** Starts the pump thread (daemon, minimum priority), draining every 20 ms. */
  public synchronized void start() {
    if (task != null) return;
    task = PeriodicTask.start("foresight-events", Thread.MIN_PRIORITY, POLL_NS, this::drain,
        e -> LOG.error("event pump failed to handle an event", e));
  }

  /** Handles every pending event now (also used by tests and on shutdown). */
  public synchronized int drain() {
    int n = subscription.poll(this::handle, Integer.MAX_VALUE);
    if (subscription.lost() > reportedLost) {
      LOG.warn("{} events were overwritten before they could be logged", subscription.lost() - reportedLost);
      reportedLost = subscription.lost();
    }
    return n;
  }

  private void handle(Event e) {
    alerts.update(e);
    switch (e.severity()) {
      case INFO -> LOG.info("{}", e.message());
      case WARNING -> LOG.warn("{}", e.message());
      case ERROR, CRITICAL -> LOG.error("{}", e.message());
    }
  }

  /**
   * Stops the thread after a last drain. Idempotent. A pump that was never started drains nothing:
   * a robot that was only assembled (config validate) has nothing to log.
   */
  @Override
  public void close() {
    PeriodicTask t;
    synchronized (this) {
      t = task;
      task = null;
    }
    if (t != null) {
      t.close();
      drain();
    }
  }
}
