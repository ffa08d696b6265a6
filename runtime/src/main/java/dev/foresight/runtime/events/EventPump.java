package dev.foresight.runtime.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's own event consumer, on a low-priority thread: writes every event to the log (one
 * line each, at a level matching its severity, logger {@code dev.foresight.events}) and keeps the
 * {@link Alerts}. Logging happens here, never on the control thread.
 */
public final class EventPump implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.foresight.events");
  private static final long POLL_MS = 20;

  private final EventLog.Subscription subscription;
  private final Alerts alerts;
  private volatile boolean running;
  private Thread thread;
  private long reportedLost;

  /** Consumes {@code log} from its oldest kept event into {@code alerts}. */
  public EventPump(EventLog log, Alerts alerts) {
    this.subscription = log.subscribeFromOldest();
    this.alerts = alerts;
  }

  /** Starts the pump thread (daemon, minimum priority). */
  public synchronized void start() {
    if (thread != null) return;
    running = true;
    thread = Thread.ofPlatform().name("foresight-events").daemon(true).priority(Thread.MIN_PRIORITY)
        .start(this::run);
  }

  private void run() {
    while (running) {
      drain();
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        break;
      }
    }
    drain();
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

  /** Stops the thread after a last drain. */
  @Override
  public void close() {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drain();
  }
}
