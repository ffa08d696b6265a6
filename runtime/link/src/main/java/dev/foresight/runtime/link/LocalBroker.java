package dev.foresight.runtime.link;

/**
 * An MQTT broker started inside this process, on the loopback interface, for the demo and for
 * development: {@code foresight demo} starts one when no broker is configured. The robot's class path
 * carries no broker; the {@code foresight-broker} plugin provides one through {@link Provider},
 * found with {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * LocalBroker.Provider provider = ServiceLoader.load(LocalBroker.Provider.class).findFirst().orElseThrow();
 * try (LocalBroker broker = provider.start(LocalBroker.DEFAULT_PORT)) {
 *   ... connect to broker.url() ...
 * }
 * }</pre>
 */
public interface LocalBroker extends AutoCloseable {

  /** The port {@code foresight demo} uses, MQTT's standard one. */
  int DEFAULT_PORT = 1883;

  /** The port of the demo's MQTT-over-WebSocket listener ({@code ws://127.0.0.1:8083/mqtt}), for the dashboard. */
  int DEFAULT_WEBSOCKET_PORT = 8083;

  /** The URL clients connect to, e.g. {@code tcp://127.0.0.1:1883}. */
  String url();

  /** The port it listens on. */
  int port();

  /** The URL browsers connect to ({@code ws://127.0.0.1:8083/mqtt}), or empty without a WebSocket listener. */
  default String webSocketUrl() {
    return "";
  }

  /** Stops the broker (idempotent). */
  @Override
  void close();

  /** Starts local brokers. */
  interface Provider {

    /**
     * Starts a broker on {@code 127.0.0.1:port} and returns once it accepts connections.
     *
     * @throws PortTaken when something already listens on the port
     * @throws LinkException when the broker does not start for another reason
     */
    LocalBroker start(int port) throws PortTaken, LinkException;

    /**
     * Starts a broker as {@link #start(int)} does, with MQTT over WebSocket on {@code webSocketPort} too
     * when the broker can (a taken WebSocket port means none; {@link LocalBroker#webSocketUrl()} tells).
     */
    default LocalBroker start(int port, int webSocketPort) throws PortTaken, LinkException {
      return start(port);
    }
  }

  /** The port is in use (most likely by another MQTT broker). */
  final class PortTaken extends Exception {
    private static final long serialVersionUID = 1L;

    /** The port is taken; the message says what to do. */
    public PortTaken(String message) {
      super(message);
    }
  }
}
