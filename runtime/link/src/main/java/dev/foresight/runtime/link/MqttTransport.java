package dev.foresight.runtime.link;

import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * The little the link needs from an MQTT 5 client: connect once, publish, subscribe, disconnect.
 * Reconnecting, pacing and what to publish are the caller's business. {@link PahoTransport} is
 * the implementation (and the only class that knows the client library).
 */
public interface MqttTransport extends AutoCloseable {

  /** An MQTT 5 user property (a key/value pair on a publish; signed commands carry {@code fs-key} and {@code fs-sig}). */
  record Property(String key, String value) {}

  /** A message received on a subscription, with its MQTT 5 request/response and user properties. */
  record Message(String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData,
      List<Property> userProperties) {

    public Message {
      userProperties = List.copyOf(userProperties);
    }

    /** A message without user properties. */
    public Message(String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData) {
      this(topic, payload, responseTopic, correlationData, List.of());
    }
  }

  /** Receives messages and connection loss, on the client library's callback thread. */
  interface Listener {
    /** A message arrived; must return quickly and never block. */
    void onMessage(Message message);

    /** The connection dropped (not called for {@link #disconnect}). */
    void onConnectionLost(String reason);
  }

  /**
   * The last will: published by the broker {@code delayS} seconds after the connection is lost
   * without a clean disconnect, unless the client comes back first.
   */
  record Will(String topic, byte[] payload, int qos, boolean retain, int delayS) {}

  /**
   * How to connect.
   *
   * @param serverUri      {@code tcp://host:port} or {@code ssl://host:port}; a comma-separated list for
   *                       the nodes of a cluster, tried in order at each connection
   * @param clientId       MQTT client id
   * @param username       user name, if any
   * @param password       password bytes, if any
   * @param tls            socket factory for {@code ssl://}, or null
   * @param verifyHostname check the broker's certificate names the host we dialled
   * @param will           last will, if any
   * @param sessionExpiryS how long the broker keeps the session after a disconnect; at least the
   *                       will delay, or the broker sends the will at once
   * @param keepAliveS     ping interval
   */
  record Options(String serverUri, String clientId, Optional<String> username, Optional<byte[]> password,
      SSLSocketFactory tls, boolean verifyHostname, Optional<Will> will, long sessionExpiryS, int keepAliveS) {}

  /** Connects, waiting up to {@code timeoutMs}; throws with the broker's reason when refused. */
  void connect(long timeoutMs) throws LinkException;

  /** Whether the connection is up. */
  boolean connected();

  /**
   * Publishes. QoS 0 returns once the message is handed to the client; QoS 1 waits up to
   * {@code timeoutMs} for the broker's acknowledgement and throws when the broker refuses it
   * (e.g. not authorized) or does not answer.
   *
   * @param correlationData MQTT 5 correlation data for replies, or null
   */
  void publish(String topic, byte[] payload, int qos, boolean retain, byte[] correlationData, long timeoutMs)
      throws LinkException;

  /**
   * Publishes a request at QoS 1 with an MQTT 5 response topic and correlation data, waiting up
   * to {@code timeoutMs} for the broker's acknowledgement.
   */
  default void publishRequest(String topic, byte[] payload, String responseTopic, byte[] correlationData,
      long timeoutMs) throws LinkException {
    publishRequest(topic, payload, 1, responseTopic, correlationData, List.of(), timeoutMs);
  }

  /**
   * Publishes an operator's message with MQTT 5 user properties (e.g. a signature) and, when not
   * null, a response topic and correlation data. At QoS 1 waits up to {@code timeoutMs} for the
   * broker's acknowledgement.
   */
  void publishRequest(String topic, byte[] payload, int qos, String responseTopic, byte[] correlationData,
      List<Property> userProperties, long timeoutMs) throws LinkException;

  /** Subscribes; throws when the broker refuses the filter. */
  void subscribe(String filter, int qos, long timeoutMs) throws LinkException;

  /** Disconnects normally (the broker discards the will). */
  void disconnect(long timeoutMs);

  /** Releases the client; idempotent. */
  @Override
  void close();
}
