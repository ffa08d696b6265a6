package dev.foresight.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.cli.UserException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The page's files over real HTTP: gzipped, within the weight budget, the vendored uPlot unchanged. */
class DashboardServerTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<byte[]> get(String url, boolean gzip) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url));
    if (gzip) r.header("Accept-Encoding", "gzip");
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesEveryFileGzippedAndThePageWeighsAtMost100KbGzipped() throws Exception {
    try (DashboardServer page = DashboardServer.start(0, "ws://127.0.0.1:8083/mqtt")) {
      long total = 0;
      for (String path : page.paths()) {
        HttpResponse<byte[]> zipped = get(page.url() + path.substring(1), true);
        HttpResponse<byte[]> plain = get(page.url() + path.substring(1), false);
        assertThat(zipped.statusCode()).as(path).isEqualTo(200);
        assertThat(zipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
        assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
          assertThat(in.readAllBytes()).as(path).isEqualTo(plain.body());
        }
        total += zipped.body().length;
      }
      assertThat(total).isEqualTo(page.pageBytesGzipped()).isLessThanOrEqualTo(100 * 1024);
      assertThat(page.paths()).contains("/index.html", "/dashboard.js", "/mqtt.js", "/vendor/uPlot.iife.min.js",
          "/config.json");
      HttpResponse<byte[]> index = get(page.url(), true);
      assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
      assertThat(new String(get(page.url() + "config.json", false).body(), StandardCharsets.UTF_8))
          .isEqualTo("{\"broker\":\"ws://127.0.0.1:8083/mqtt\"}");
    }
  }

  @Test
  void anUnknownPathIs404AndOnlyGetIsAllowed() throws Exception {
    try (DashboardServer page = DashboardServer.start(0, "ws://127.0.0.1:8083/mqtt")) {
      HttpResponse<byte[]> missing = get(page.url() + "secret.txt", false);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("not found: /secret.txt (the dashboard is at /)\n");
      assertThat(get(page.url() + "../../etc/passwd", false).statusCode()).isEqualTo(404);
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(page.url()))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void servesOnTheLoopbackOnlyAndATakenPortIsAnIoError() throws Exception {
    try (DashboardServer page = DashboardServer.start(0, "ws://127.0.0.1:8083/mqtt")) {
      assertThat(page.url()).startsWith("http://127.0.0.1:");
      assertThatThrownBy(() -> DashboardServer.start(page.port(), "ws://127.0.0.1:8083/mqtt")).isInstanceOf(IOException.class);
    }
  }

  @Test
  void theVendoredUplotIsTheOneItsHashFileNames() throws Exception {
    String base = "/dev/foresight/runtime/dashboard/web/vendor/";
    String sums = resource(base + "uPlot.sha256");
    for (String line : sums.strip().split("\n")) {
      String[] parts = line.split("\\s+");
      byte[] file;
      try (InputStream in = DashboardServerTest.class.getResourceAsStream(base + parts[1])) {
        file = in.readAllBytes();
      }
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file))).as(parts[1])
          .isEqualTo(parts[0]);
    }
    assertThat(sums).contains("uPlot.iife.min.js", "uPlot.min.css");
    assertThat(resource(base + "uPlot.LICENSE")).contains("The MIT License", "Leon Sorokin");
    assertThat(resource(base + "README.md")).contains("uplot@1.6.32");
  }

  static String resource(String path) throws IOException {
    try (InputStream in = DashboardServerTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aBrokerUrlThatIsNotAWebSocketOneIsOneLineNamingTheFix() {
    assertThatThrownBy(() -> BrokerUrl.check("tcp://127.0.0.1:1883")).isInstanceOf(UserException.class)
        .hasMessage("--broker: 'tcp://127.0.0.1:1883' is not a WebSocket URL; the page speaks MQTT over WebSocket to "
            + "the broker's WebSocket listener, e.g. ws://127.0.0.1:8083/mqtt (docs/telemetry.md shows Mosquitto's)");
    assertThatThrownBy(() -> BrokerUrl.check("ws://op:secret@broker:8083/mqtt"))
        .hasMessageContaining("needs a host and no user, password or query");
    assertThatThrownBy(() -> BrokerUrl.check("ws://bro ker")).hasMessageStartingWith("--broker: 'ws://bro ker' is not a URL");
    assertThat(BrokerUrl.check("wss://broker.lan:8084/mqtt")).isEqualTo("wss://broker.lan:8084/mqtt");
  }

}
