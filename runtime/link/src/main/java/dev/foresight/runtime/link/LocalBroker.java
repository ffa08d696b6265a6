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

  /** The URL clients connect to, e.g. {@code tcp://127.0.0.1:1883}. */
  String url();

  /** The port it listens on. */
  int port();

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
