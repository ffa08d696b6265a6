package dev.foresight.runtime.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.foresight.runtime.cli.WebDashboard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the dashboard's static page on the loopback interface with the JDK's HTTP server: a handful of
 * files read from this jar once at start, kept in memory plain and gzipped, plus {@code /config.json}
 * naming the broker's WebSocket URL. The page then talks MQTT 5 over WebSocket to the broker itself: this
 * server relays nothing and holds no credentials.
 *
 * <pre>{@code
 * try (DashboardServer page = DashboardServer.start(8080, "ws://127.0.0.1:8083/mqtt")) {
 *   System.out.println("open " + page.url());
 * }
 * }</pre>
 */
public final class DashboardServer implements WebDashboard {

  /** The page's files, by URL path, with their content types (everything the page loads). */
  static final Map<String, String> ASSETS = assets();

  private static Map<String, String> assets() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("/index.html", "text/html; charset=utf-8");
    m.put("/style.css", "text/css; charset=utf-8");
    m.put("/mqtt.js", "text/javascript; charset=utf-8");
    m.put("/dashboard.js", "text/javascript; charset=utf-8");
    m.put("/vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8");
    m.put("/vendor/uPlot.min.css", "text/css; charset=utf-8");
    return m;
  }

  private static final String RESOURCES = "/dev/foresight/runtime/dashboard/web";

  private record Asset(String type, byte[] plain, byte[] gzipped) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, Asset> files;
  private final String url;

  private DashboardServer(HttpServer server, ExecutorService threads, Map<String, Asset> files) {
    this.server = server;
    this.threads = threads;
    this.files = files;
    this.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /**
   * Serves the page on {@code 127.0.0.1:port} (0: a free port) for the broker at {@code brokerUrl}.
   *
   * @param brokerUrl the broker's MQTT-over-WebSocket URL, checked by {@link BrokerUrl#check}
   * @throws IOException when the port cannot be bound
   */
  public static DashboardServer start(int port, String brokerUrl) throws IOException {
    BrokerUrl.check(brokerUrl);
    Map<String, Asset> files = new LinkedHashMap<>();
    ASSETS.forEach((path, type) -> files.put(path, asset(type, resource(path))));
    files.put("/config.json", asset("application/json", ("{\"broker\":\"" + brokerUrl + "\"}")
        .getBytes(StandardCharsets.UTF_8)));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(threads);
    DashboardServer d = new DashboardServer(server, threads, files);
    server.createContext("/", d::handle);
    server.start();
    return d;
  }

  private static byte[] resource(String path) {
    try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + path)) {
      if (in == null) throw new IllegalStateException("the dashboard jar lacks " + RESOURCES + path);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Asset asset(String type, byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Asset(type, plain, out.toByteArray());
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      if (path.equals("/")) path = "/index.html";
      Asset a = files.get(path);
      if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        x.sendResponseHeaders(405, -1);
        return;
      }
      if (a == null) {
        byte[] body = ("not found: " + path + " (the dashboard is at /)\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(404, body.length);
        x.getResponseBody().write(body);
        return;
      }
      String accept = x.getRequestHeaders().getFirst("Accept-Encoding");
      boolean gzip = accept != null && accept.contains("gzip");
      byte[] body = gzip ? a.gzipped() : a.plain();
      var h = x.getResponseHeaders();
      h.set("Content-Type", a.type());
      if (gzip) h.set("Content-Encoding", "gzip");
      h.set("Vary", "Accept-Encoding");
      h.set("Cache-Control", "no-cache");
      h.set("X-Content-Type-Options", "nosniff");
      // The page runs only its own scripts and talks only to this server and to a broker over WebSocket.
      h.set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
          + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
      if (x.getRequestMethod().equals("HEAD")) {
        x.sendResponseHeaders(200, -1);
        return;
      }
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The page's address, {@code http://127.0.0.1:<port>/}. */
  @Override
  public String url() {
    return url;
  }

  /** The port the page is served on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Bytes a browser downloads for the page, gzipped: every asset and {@code /config.json}. */
  public long pageBytesGzipped() {
    return files.values().stream().mapToLong(a -> a.gzipped().length).sum();
  }

  /** The same, without compression. */
  public long pageBytesPlain() {
    return files.values().stream().mapToLong(a -> a.plain().length).sum();
  }

  /** The URL paths served. */
  List<String> paths() {
    return List.copyOf(files.keySet());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** The plugin's entry for {@code foresight demo}: {@link java.util.ServiceLoader} finds it through META-INF/services. */
  public static final class Provider implements WebDashboard.Provider {

    /** For the service loader. */
    public Provider() {}

    @Override
    public WebDashboard start(int port, String brokerUrl) throws IOException {
      return DashboardServer.start(port, brokerUrl);
    }
  }
}
