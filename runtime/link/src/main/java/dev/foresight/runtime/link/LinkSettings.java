package dev.foresight.runtime.link;

import dev.foresight.config.BrokerChecks;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.TelemetryConfig;
import dev.foresight.runtime.AssemblyException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how the link connects, resolved from {@code telemetry} in the config (and a
 * {@code --broker} override): the URL in the client library's spelling, credentials read from
 * their file or environment variable, and the TLS socket factory. Every problem is one line
 * naming the key and the fix.
 *
 * @param serverUri  {@code tcp://host:port} or {@code ssl://host:port}
 * @param displayUrl the broker as the user wrote it
 * @param auth       who may command the robot ({@code link} in the config)
 * @param batchS     seconds of telemetry per {@code telemetry/batch} message, 0 for one sample per message
 */
public record LinkSettings(String serverUri, String displayUrl, String clientId, Optional<String> username,
    Optional<byte[]> password, SSLSocketFactory tls, boolean verifyHostname, int willDelayS, double rateHz,
    CommandAuth auth, double batchS) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LinkSettings.class);

  /**
   * Resolves the settings for {@code brokerUrl} (a URL, never {@code none} or {@code embedded}).
   *
   * @param env the process environment (for {@code password_env})
   */
  public static LinkSettings resolve(LoadedConfig loaded, String brokerUrl, Map<String, String> env)
      throws AssemblyException {
    TelemetryConfig t = loaded.config().telemetry();
    // The same refusals as config validation, for a --broker override too; never repeating credentials.
    java.util.List<String> problems = new java.util.ArrayList<>();
    BrokerChecks.check("telemetry.broker", brokerUrl, t, (at, message) -> problems.add(at + ": " + message));
    if (!problems.isEmpty()) throw new AssemblyException(problems.getFirst());
    String serverUri = serverUri(brokerUrl);
    Optional<byte[]> password = Optional.empty();
    if (t.passwordFile().isPresent()) {
      Path file = loaded.resolve(t.passwordFile().get());
      warnIfOthersCanRead(file);
      try {
        String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (first.isEmpty()) throw new AssemblyException("telemetry.password_file: " + file + " is empty; put the "
            + "password on its first line");
        password = Optional.of(first.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new AssemblyException("telemetry.password_file: cannot read " + file + ": " + e.getMessage());
      }
    } else if (t.passwordEnv().isPresent()) {
      String value = env.get(t.passwordEnv().get());
      if (value == null || value.isEmpty()) {
        throw new AssemblyException("telemetry.password_env: environment variable " + t.passwordEnv().get()
            + " is not set; export it before starting foresight");
      }
      password = Optional.of(value.getBytes(StandardCharsets.UTF_8));
    }
    if (password.isPresent() && t.username().isEmpty()) {
      throw new AssemblyException("telemetry.username: a password is configured but no username; add username");
    }
    SSLSocketFactory tls = null;
    if (serverUri.startsWith("ssl://")) {
      tls = TlsFiles.socketFactory(t.tls().caFile().map(loaded::resolve), t.tls().certFile().map(loaded::resolve),
          t.tls().keyFile().map(loaded::resolve));
    }
    return new LinkSettings(serverUri, brokerUrl, t.clientId().orElse(loaded.config().robot().id()), t.username(),
        password, tls, t.tls().verifyHostname(), t.willDelayS(), t.rateHz(), CommandAuth.resolve(loaded), t.batchS());
  }

  /** These settings with telemetry batched {@code batchS} seconds per message (0: one sample per message). */
  public LinkSettings withBatch(double batchS) {
    return new LinkSettings(serverUri, displayUrl, clientId, username, password, tls, verifyHostname, willDelayS,
        rateHz, auth, batchS);
  }

  /**
   * The warning for a password file that users other than its owner may read (as ssh warns about
   * a private key), or empty; the link logs it at start.
   */
  public static Optional<String> othersCanRead(Path file) {
    try {
      java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.getPosixFilePermissions(file);
      boolean open = p.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
          || p.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
      if (!open) return Optional.empty();
      return Optional.of("telemetry.password_file: " + file + " is readable by other users ("
          + java.nio.file.attribute.PosixFilePermissions.toString(p) + "); make it private: chmod 600 " + file);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();   // not readable is reported when it is read; no POSIX permissions, nothing to say
    }
  }

  private static void warnIfOthersCanRead(Path file) {
    othersCanRead(file).ifPresent(LOG::warn);
  }

  /** The TLS socket factory for these PEM files (CA to trust; client certificate and PKCS#8 key). */
  public static SSLSocketFactory tls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile)
      throws AssemblyException {
    return TlsFiles.socketFactory(caFile, certFile, keyFile);
  }

  /**
   * {@code mqtt://} and {@code tcp://} become {@code tcp://}; {@code mqtts://} and {@code ssl://} become
   * {@code ssl://}. A comma-separated list names the nodes of a clustered broker ({@code
   * tcp://a:1883,tcp://b:1883}): the client tries them in order at every (re)connection, so a robot whose
   * node dies comes back on another one (docs/fleet.md). The nodes of a list are all plain or all TLS.
   */
  public static String serverUri(String url) throws AssemblyException {
    if (BrokerChecks.hasCredentials(url)) throw new AssemblyException("telemetry.broker: " + BrokerChecks.CREDENTIALS_IN_URL);
    if (url.indexOf(',') < 0) return oneServerUri(url);
    StringBuilder list = new StringBuilder();
    Boolean secure = null;
    for (String part : url.split(",", -1)) {
      String one = oneServerUri(part.strip());
      boolean ssl = one.startsWith("ssl://");
      if (secure != null && secure != ssl) {
        throw new AssemblyException("telemetry.broker: '" + url + "' mixes plain and TLS nodes; make every node "
            + "tcp:// (mqtt://) or every node ssl:// (mqtts://)");
      }
      secure = ssl;
      if (!list.isEmpty()) list.append(',');
      list.append(one);
    }
    return list.toString();
  }

  private static String oneServerUri(String url) throws AssemblyException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new AssemblyException("telemetry.broker: '" + url + "' is not a URL like tcp://host:1883 or mqtts://host:8883");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean secure = switch (scheme) {
      case "tcp", "mqtt" -> false;
      case "ssl", "mqtts" -> true;
      default -> throw new AssemblyException("telemetry.broker: '" + url + "' has scheme '" + scheme
          + "'; use tcp://, mqtt://, ssl:// or mqtts://");
    };
    if (uri.getHost() == null) {
      throw new AssemblyException("telemetry.broker: '" + url + "' names no host; write e.g. tcp://localhost:1883");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 8883 : 1883;
    return (secure ? "ssl://" : "tcp://") + uri.getHost() + ":" + port;
  }
}
