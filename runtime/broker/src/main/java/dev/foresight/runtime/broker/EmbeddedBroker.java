package dev.foresight.runtime.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.foresight.runtime.link.LinkException;
import dev.foresight.runtime.link.LocalBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An MQTT 5 broker inside the Foresight process (HiveMQ Community Edition, embedded), listening on
 * the loopback interface only, keeping nothing on disk beyond a temporary folder, sending nothing
 * anywhere (usage statistics off). {@code foresight demo} starts one when no broker is configured,
 * so {@code mosquitto_sub -h localhost -t 'foresight/#' -v} works out of the box, and with a WebSocket
 * listener ({@code ws://127.0.0.1:8083/mqtt}) for the browser dashboard. It is for trying things on one
 * machine: no authentication, and it dies with the process (so does the will).
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(1883, 8083)) {
 *   ... connect to broker.url() or, from a browser, broker.webSocketUrl() ...
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements LocalBroker {

  private final EmbeddedHiveMQ hivemq;
  private final Path folder;
  private final int port;
  private final int webSocketPort;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path folder, int port, int webSocketPort) {
    this.hivemq = hivemq;
    this.folder = folder;
    this.port = port;
    this.webSocketPort = webSocketPort;
  }

  /**
   * Starts a broker on {@code 127.0.0.1:port}, without a WebSocket listener, and returns once it accepts
   * connections.
   *
   * @throws PortTaken when the port is taken
   * @throws LinkException when the broker does not start
   */
  public static EmbeddedBroker start(int port) throws PortTaken, LinkException {
    return start(port, 0);
  }

  /**
   * Starts a broker on {@code 127.0.0.1:port} with MQTT over WebSocket on
   * {@code ws://127.0.0.1:webSocketPort/mqtt} (0: none; a taken WebSocket port also means none, see
   * {@link #webSocketUrl()}) and returns once it accepts connections.
   *
   * @throws PortTaken when the MQTT port is taken
   * @throws LinkException when the broker does not start
   */
  public static EmbeddedBroker start(int port, int webSocketPort) throws PortTaken, LinkException {
    if (!portFree(port)) {
      throw new PortTaken("port " + port + " on 127.0.0.1 is in use (another MQTT broker?); use it with "
          + "--broker tcp://127.0.0.1:" + port + " or stop it");
    }
    int ws = webSocketPort > 0 && portFree(webSocketPort) ? webSocketPort : 0;
    // The dashboard's page speaks MQTT 5 over WebSocket (subprotocol "mqtt") straight to this broker.
    String wsListener = ws == 0 ? "" : "<websocket-listener><port>" + ws + "</port><bind-address>127.0.0.1"
        + "</bind-address><path>/mqtt</path><subprotocols><subprotocol>mqtt</subprotocol></subprotocols>"
        + "<allow-extensions>true</allow-extensions></websocket-listener>";
    Path folder;
    try {
      folder = Files.createTempDirectory("foresight-broker-");
      Files.createDirectories(folder.resolve("conf"));
      Files.createDirectories(folder.resolve("data"));
      Files.createDirectories(folder.resolve("extensions"));
      Files.writeString(folder.resolve("conf/config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners>
              <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
              %s
            </listeners>
            <persistence><mode>in-memory</mode></persistence>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          </hivemq>
          """.formatted(port, wsListener));
    } catch (IOException e) {
      throw new LinkException("cannot prepare the embedded broker's folder: " + e.getMessage(), -1);
    }
    // HiveMQ reads its config through JAXB, which finds its implementation through the thread's context
    // class loader: in the install image this class lives in the plugins' loader, which the CLI's thread
    // does not have, and without this the broker silently fell back to its default config (every
    // interface, no WebSocket listener).
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EmbeddedBroker.class.getClassLoader());
    try {
      return start(folder, port, ws);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static EmbeddedBroker start(Path folder, int port, int ws) throws LinkException {
    EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(folder.resolve("conf"))
        .withDataFolder(folder.resolve("data"))
        .withExtensionsFolder(folder.resolve("extensions"))
        .withoutLoggingBootstrap()
        .build();
    // HiveMQ reads its config.xml through JAXB, which finds its implementation with the thread's
    // context class loader: in the install image that must be the plugins' loader, not the robot's.
    Thread thread = Thread.currentThread();
    ClassLoader caller = thread.getContextClassLoader();
    thread.setContextClassLoader(EmbeddedBroker.class.getClassLoader());
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      delete(folder);
      throw new LinkException("the embedded MQTT broker did not start: " + e.getMessage(), -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkException("interrupted while starting the embedded MQTT broker", -1);
    } finally {
      thread.setContextClassLoader(caller);
    }
    return new EmbeddedBroker(hivemq, folder, port, ws);
  }

  private static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code tcp://127.0.0.1:<port>}. */
  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The listening port. */
  @Override
  public int port() {
    return port;
  }

  /** {@code ws://127.0.0.1:<port>/mqtt}, or empty when the broker has no WebSocket listener. */
  @Override
  public String webSocketUrl() {
    return webSocketPort == 0 ? "" : "ws://127.0.0.1:" + webSocketPort + "/mqtt";
  }

  /** Stops the broker (disconnecting every client) and deletes its folder. */
  @Override
  public void close() {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } catch (ExecutionException | TimeoutException e) {
      // The process is ending anyway; nothing more to do.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      delete(folder);
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plugin's entry: {@link java.util.ServiceLoader} finds it through META-INF/services. */
  public static final class Provider implements LocalBroker.Provider {

    /** For the service loader. */
    public Provider() {}

    @Override
    public LocalBroker start(int port) throws PortTaken, LinkException {
      return EmbeddedBroker.start(port);
    }

    @Override
    public LocalBroker start(int port, int webSocketPort) throws PortTaken, LinkException {
      return EmbeddedBroker.start(port, webSocketPort);
    }
  }
}
