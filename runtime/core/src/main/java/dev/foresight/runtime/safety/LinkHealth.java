package dev.foresight.runtime.safety;

import dev.foresight.config.LinkLossConfig;

/**
 * What the safety supervisor knows about the operator link, for the {@code link_lost} fault class.
 * The link (its network thread and the MQTT client's callback thread) reports here; the control
 * thread judges it once per tick. A robot without a link never calls {@link #attached}, and then
 * nothing here is a fault.
 *
 * <p>The link is lost while the MQTT connection is down (reported by {@link #disconnected} the moment
 * the client notices: a broker that died or closed the socket) and, with
 * {@code safety.link_loss.heartbeat_timeout_ms}, while no operator heartbeat arrived within the
 * timeout (counted from the latest heartbeat, or from the connection when there was none since): the
 * heartbeat catches a half-open TCP connection or a stopped broker, which the client would notice only
 * after its keep-alive.
 *
 * <pre>{@code
 * LinkHealth link = robot.safety().link();
 * link.attached(clock.nanoTime());     // from now on, no link is a fault
 * link.connected(clock.nanoTime());
 * link.heartbeat(clock.nanoTime());    // each cmd/heartbeat
 * link.disconnected("connection lost");
 * }</pre>
 *
 * Times are the robot clock's. The report methods are safe from any thread; the judging methods are
 * for the control thread and allocate nothing.
 */
public final class LinkHealth {

  /** Why the link counts as lost: not lost. */
  static final int UP = 0;
  /** The MQTT connection is down. */
  static final int DISCONNECTED = 1;
  /** Connected, but the operator's heartbeat stopped. */
  static final int SILENT = 2;

  private final boolean ignored;
  private final long heartbeatTimeoutNs;
  private volatile boolean attached;
  private volatile boolean connected;
  private volatile long sinceNs;
  private volatile long lastHeartbeatNs = Long.MIN_VALUE;
  private volatile String problem = "";
  private volatile long heartbeats;

  LinkHealth(LinkLossConfig config) {
    this.ignored = config.ignore();
    this.heartbeatTimeoutNs = config.heartbeatTimeoutNs();
  }

  /** A link exists from {@code nowNs}: until it connects, the robot has no operator link. */
  public void attached(long nowNs) {
    sinceNs = nowNs;
    connected = false;
    problem = "not connected yet";
    attached = true;
  }

  /** The MQTT connection is up (the robot's subscriptions included). */
  public void connected(long nowNs) {
    sinceNs = nowNs;
    problem = "";
    connected = true;
  }

  /** The MQTT connection is down, for {@code reason} (for events). */
  public void disconnected(String reason) {
    problem = reason == null || reason.isEmpty() ? "connection lost" : reason;
    connected = false;
  }

  /** An operator heartbeat arrived at {@code nowNs}. */
  public void heartbeat(long nowNs) {
    lastHeartbeatNs = nowNs;
    heartbeats++;
  }

  /** Heartbeats received so far. */
  public long heartbeats() {
    return heartbeats;
  }

  /** Whether a link was attached (and the fault is not ignored). */
  public boolean judged() {
    return attached && !ignored;
  }

  /** The heartbeat timeout in ns, or 0 when the connection state alone is judged. */
  public long heartbeatTimeoutNs() {
    return heartbeatTimeoutNs;
  }

  /** {@link #UP}, {@link #DISCONNECTED} or {@link #SILENT} at {@code nowNs}. Control thread. */
  int state(long nowNs) {
    if (!judged()) return UP;
    if (!connected) return DISCONNECTED;
    if (heartbeatTimeoutNs > 0 && nowNs - Math.max(lastHeartbeatNs, sinceNs) > heartbeatTimeoutNs) return SILENT;
    return UP;
  }

  /** Time since the last sign of an operator (heartbeat, or the connection), ms; for events. */
  double silentMs(long nowNs) {
    long since = heartbeatTimeoutNs > 0 ? Math.max(lastHeartbeatNs, sinceNs) : sinceNs;
    return (nowNs - since) * 1e-6;
  }

  /** The latest connection problem, for events. */
  String problem() {
    return problem;
  }
}
