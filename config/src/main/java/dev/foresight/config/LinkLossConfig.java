package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the safety supervisor judges the operator link ({@code link_lost}, with its ladder under
 * {@code safety.ladder.link_lost}). A robot with an MQTT link counts a lost connection as a fault;
 * with {@code heartbeat_timeout_ms} it also counts a link whose operator has gone quiet (no
 * {@code cmd/heartbeat} within the timeout), which catches a half-open TCP connection the client
 * library would notice only after its keep-alive.
 *
 * <pre>{@code
 * safety:
 *   link_loss: {heartbeat_timeout_ms: 1500}
 *   ladder:
 *     link_lost: [{reaction: warn}, {reaction: hold, after_ms: 1000}, {reaction: safe_stop, after_ms: 3000}]
 * }</pre>
 *
 * @param heartbeatTimeoutMs the link counts as lost when no operator heartbeat arrived for this
 *                           long; 0 judges the MQTT connection only
 * @param ignore             true turns the fault off: the robot keeps doing what it does with no
 *                           operator link (no remote e-stop); only for benches and simulations
 */
public record LinkLossConfig(
    @JsonPropertyDescription("No operator heartbeat (cmd/heartbeat) for this long (ms) counts as a lost link; 0 judges the MQTT connection only")
        Double heartbeatTimeoutMs,
    @JsonPropertyDescription("true: a lost operator link is no fault (no remote e-stop while it lasts); the default is false")
        Boolean ignore) {

  /** Defaults: the connection state alone, the fault on. */
  public static final LinkLossConfig DEFAULT = new LinkLossConfig(null, null);

  public LinkLossConfig {
    heartbeatTimeoutMs = heartbeatTimeoutMs != null ? heartbeatTimeoutMs : 0.0;
    ignore = ignore != null ? ignore : false;
  }

  /** The heartbeat timeout in ns, or 0 when no heartbeat is required. */
  public long heartbeatTimeoutNs() {
    return (long) (heartbeatTimeoutMs * 1e6);
  }
}
