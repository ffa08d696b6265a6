package dev.foresight.runtime.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * {@link MqttTransport} over Eclipse Paho's MQTT 5 client: the one class in Foresight that knows
 * the client library. Paho's own automatic reconnect is off (the link reconnects with jittered
 * backoff itself) and its session state stays in memory (no files in the working folder).
 *
 * <pre>{@code
 * try (MqttTransport mqtt = new PahoTransport(options, listener)) {
 *   mqtt.connect(5_000);
 *   mqtt.publish("foresight/r1/status", json, 1, true, null, 5_000);
 * }
 * }</pre>
 */
public final class PahoTransport implements MqttTransport {

  /** The largest packet the broker may send us (MQTT 5 Maximum Packet Size): far above a command (4 KiB). */
  static final long MAX_INCOMING_PACKET_BYTES = 64 * 1024;

  private final Options options;
  /** The broker's nodes, tried in order at each connection (one for a single broker). */
  private final String[] servers;
  private final Listener listener;
  private volatile MqttAsyncClient client;
  private boolean used;

  /** A client for {@code options}; nothing connects until {@link #connect}. */
  public PahoTransport(Options options, Listener listener) throws LinkException {
    this.options = options;
    this.servers = options.serverUri().split(",");
    this.listener = listener;
    this.client = newClient();
  }

  private MqttAsyncClient newClient() throws LinkException {
    MqttAsyncClient c;
    try {
      c = new MqttAsyncClient(servers[0], options.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new LinkException("cannot create an MQTT client for " + options.serverUri() + ": " + e.getMessage(), -1);
    }
    c.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        if (c != client) return;   // a replaced client's last words
        listener.onConnectionLost(response.getReasonString() != null ? response.getReasonString()
            : response.getException() != null ? describe(response.getException()) : "connection lost");
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {
        if (c != client) return;
        listener.onConnectionLost(describe(exception));
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        MqttProperties p = message.getProperties();
        List<Property> user = new ArrayList<>();
        if (p != null && p.getUserProperties() != null) {
          for (UserProperty u : p.getUserProperties()) user.add(new Property(u.getKey(), u.getValue()));
        }
        listener.onMessage(new Message(topic, message.getPayload(),
            Optional.ofNullable(p != null ? p.getResponseTopic() : null),
            Optional.ofNullable(p != null ? p.getCorrelationData() : null), user));
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    return c;
  }

  @Override
  public void connect(long timeoutMs) throws LinkException {
    if (used) {
      // A fresh client per connection. Paho assigns outgoing topic aliases by itself (when the broker
      // allows them) and keeps unacknowledged publishes with the alias in place of the topic; resent
      // on a resumed session, where aliases start over, they are a protocol error and the broker drops
      // the robot on every reconnect. The link's own outbox resends what was not acknowledged.
      MqttAsyncClient old = client;
      client = newClient();
      closeQuietly(old);
    }
    used = true;
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setAutomaticReconnect(false);
    if (servers.length > 1) o.setServerURIs(servers);
    // A resumed session keeps the will pending through a short reconnect (no offline flap); old
    // commands the broker queued meanwhile are rejected by their expires_at.
    o.setCleanStart(false);
    o.setSessionExpiryInterval(options.sessionExpiryS());
    o.setKeepAliveInterval(options.keepAliveS());
    // MQTT 5 Maximum Packet Size: the broker must not forward anything larger (it drops it), so a
    // 10 MB publish to cmd/... never reaches the robot's memory. Commands are at most 4 KiB.
    o.setMaximumPacketSize(MAX_INCOMING_PACKET_BYTES);
    o.setConnectionTimeout((int) Math.max(1, timeoutMs / 1000));
    options.username().ifPresent(o::setUserName);
    options.password().ifPresent(o::setPassword);
    if (options.tls() != null) {
      o.setSocketFactory(options.tls());
      o.setHttpsHostnameVerificationEnabled(options.verifyHostname());
    }
    options.will().ifPresent(w -> {
      MqttMessage will = new MqttMessage(w.payload());
      will.setQos(w.qos());
      will.setRetained(w.retain());
      o.setWill(w.topic(), will);
      MqttProperties p = new MqttProperties();
      p.setWillDelayInterval((long) w.delayS());
      o.setWillMessageProperties(p);
    });
    try {
      client.connect(o).waitForCompletion(timeoutMs);
    } catch (MqttException e) {
      throw new LinkException(describe(e), e.getReasonCode() > 0 && e.getReasonCode() < 256 ? e.getReasonCode() : -1);
    }
  }

  @Override
  public boolean connected() {
    return client.isConnected();
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retain, byte[] correlationData, long timeoutMs)
      throws LinkException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    m.setRetained(retain);
    if (correlationData != null) {
      MqttProperties p = new MqttProperties();
      p.setCorrelationData(correlationData);
      m.setProperties(p);
    }
    send(topic, m, timeoutMs);
  }

  @Override
  public void publishRequest(String topic, byte[] payload, int qos, String responseTopic, byte[] correlationData,
      List<Property> userProperties, long timeoutMs) throws LinkException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    MqttProperties p = new MqttProperties();
    if (responseTopic != null) p.setResponseTopic(responseTopic);
    if (correlationData != null) p.setCorrelationData(correlationData);
    if (!userProperties.isEmpty()) {
      List<UserProperty> user = new ArrayList<>();
      for (Property u : userProperties) user.add(new UserProperty(u.key(), u.value()));
      p.setUserProperties(user);
    }
    m.setProperties(p);
    send(topic, m, timeoutMs);
  }

  /** Publishes; for QoS 1 waits for the broker's acknowledgement and turns a refusal into an exception. */
  private void send(String topic, MqttMessage m, long timeoutMs) throws LinkException {
    try {
      IMqttToken token = client.publish(topic, m);
      if (m.getQos() > 0) {
        token.waitForCompletion(timeoutMs);
        refusal(token, "publish to " + topic);
      }
    } catch (MqttException e) {
      throw new LinkException("publish to " + topic + ": " + describe(e), reason(e));
    }
  }

  @Override
  public void subscribe(String filter, int qos, long timeoutMs) throws LinkException {
    try {
      IMqttToken token = client.subscribe(filter, qos);
      token.waitForCompletion(timeoutMs);
      refusal(token, "subscribe to " + filter);
    } catch (MqttException e) {
      throw new LinkException("subscribe to " + filter + ": " + describe(e), reason(e));
    }
  }

  @Override
  public void disconnect(long timeoutMs) {
    try {
      if (client.isConnected()) client.disconnect(timeoutMs).waitForCompletion(timeoutMs);
    } catch (MqttException e) {
      // Closing anyway; the broker will time the session out.
    }
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(MqttAsyncClient c) {
    try {
      if (c.isConnected()) c.disconnectForcibly(0, 100, false);
      c.close(true);
    } catch (MqttException e) {
      // Already closed.
    }
  }

  /** Throws when the broker answered with an error reason code (>= 0x80). */
  private static void refusal(IMqttToken token, String what) throws LinkException {
    int[] codes = token.getReasonCodes();
    if (codes != null) {
      for (int code : codes) {
        if (code >= 0x80) throw new LinkException(what + " refused by the broker: " + reasonText(code), code);
      }
    }
  }

  private static int reason(MqttException e) {
    int code = e.getReasonCode();
    return code >= 0x80 && code < 256 ? code : -1;
  }

  private static String describe(Throwable e) {
    if (e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() < 256) {
      return reasonText(m.getReasonCode());
    }
    Throwable cause = e.getCause();
    if (cause instanceof javax.net.ssl.SSLException) return "TLS handshake failed: " + cause.getMessage();
    if (cause instanceof java.net.ConnectException) return "connection refused";
    if (cause instanceof java.net.UnknownHostException) return "unknown host " + cause.getMessage();
    if (cause != null && cause.getMessage() != null) return cause.getMessage();
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** MQTT 5 reason codes people meet, in words. */
  static String reasonText(int code) {
    String text = switch (code) {
      case 0x80 -> "unspecified error";
      case 0x84 -> "unsupported protocol version";
      case 0x85 -> "client identifier not valid";
      case 0x86 -> "bad user name or password";
      case 0x87 -> "not authorized";
      case 0x88 -> "server unavailable";
      case 0x89 -> "server busy";
      case 0x8A -> "banned";
      case 0x8C -> "bad authentication method";
      case 0x8E -> "session taken over by another client with the same id";
      case 0x8F -> "topic filter invalid";
      case 0x90 -> "topic name invalid";
      case 0x95 -> "packet too large";
      case 0x97 -> "quota exceeded";
      default -> "reason code " + code;
    };
    return text + " (" + code + ")";
  }
}
