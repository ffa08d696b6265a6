package dev.foresight.runtime.events;

import dev.foresight.runtime.agent.Agent;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.PeriodicIdleStrategy;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's own event consumer, on a low-priority thread: writes every event to the log (one
 * line each, at a level matching its severity, logger {@code dev.foresight.events}) and keeps the
 * {@link Alerts}. Logging happens here, never on the control thread. An {@link Agent} whose work is
 * {@link #drain()}.
 */
public final class EventPump implements Agent, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("dev.foresight.events");
  private static final long POLL_NS = 20_000_000L;

  private final EventLog.Subscription subscription;
  private final Alerts alerts;
  private final Consumer<Event> handler = this::handle;   // made once: drain runs every 20 ms
  private AgentRunner runner;
  private long reportedLost;

  /** Consumes {@code log} from its oldest kept event into {@code alerts}. */
  public EventPump(EventLog log, Alerts alerts) {
    this.subscription = log.subscribeFromOldest();
    this.alerts = alerts;
  }

  /** Starts the pump thread (daemon, minimum priority), draining every 20 ms. */
  public synchronized void start() {
    if (runner != null) return;
    runner = AgentRunner.builder(this)
        .idle(new PeriodicIdleStrategy(POLL_NS))
        .priority(Thread.MIN_PRIORITY)
        .errorHandler(e -> LOG.error("event pump failed to handle an event", e))
        .start();
  }

  @Override
  public int doWork(long nowNs) {
    return drain();
  }

  @Override
  public String roleName() {
    return "foresight-events";
  }

  /** Handles every pending event now (also used by tests and on shutdown). */
  public synchronized int drain() {
    int n = subscription.poll(handler, Integer.MAX_VALUE);
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
    AgentRunner r;
    synchronized (this) {
      r = runner;
      runner = null;
    }
    if (r != null) {
      r.close();
      drain();
    }
  }
}
