package dev.foresight.runtime.cli;

import java.io.IOException;

/**
 * The operator dashboard in the browser, served over HTTP on the loopback interface: a static page that
 * talks MQTT 5 over WebSocket straight to the broker. The robot's class path carries no dashboard; the
 * {@code foresight-dashboard} plugin provides one through {@link Provider}, found with
 * {@link java.util.ServiceLoader} ({@link Plugins}), so {@code foresight demo} can serve it beside the
 * embedded broker and {@code foresight run} never loads it.
 *
 * <pre>{@code
 * try (WebDashboard page = Plugins.first(WebDashboard.Provider.class).orElseThrow()
 *     .start(WebDashboard.DEFAULT_PORT, "ws://127.0.0.1:8083/mqtt")) {
 *   System.out.println("open " + page.url());
 * }
 * }</pre>
 */
public interface WebDashboard extends AutoCloseable {

  /** The port {@code foresight demo} and {@code foresight dashboard} serve the page on. */
  int DEFAULT_PORT = 8080;

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  String url();

  /** Stops serving (idempotent). */
  @Override
  void close();

  /** Starts dashboards. */
  interface Provider {

    /**
     * Serves the page on {@code 127.0.0.1:port} (0: any free port), pointing it at {@code brokerUrl}
     * ({@code ws://} or {@code wss://}).
     *
     * @throws IOException when the port cannot be bound (in use)
     */
    WebDashboard start(int port, String brokerUrl) throws IOException;
  }
}
