package dev.foresight.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * What a broker URL and the {@code telemetry} settings must not combine into: credentials inside
 * the URL (they end up in logs and shell histories), TLS settings on a {@code tcp://} URL (they would
 * be ignored and the link would not be encrypted), and a password sent in clear over {@code tcp://}
 * to another machine. Used by the config validator for {@code telemetry.broker} and by the link for a
 * {@code --broker} override, so both refuse the same things. A message never repeats the URL's
 * credentials.
 */
public final class BrokerChecks {

  /** The refusal of a URL with credentials in it (which it does not repeat). */
  public static final String CREDENTIALS_IN_URL = "the URL carries credentials (user:password@host); remove them and "
      + "set telemetry.username with telemetry.password_file or password_env (docs/security.md)";

  private BrokerChecks() {}

  /**
   * Checks {@code url} (a broker URL, not {@code none} or {@code embedded}) against {@code t}.
   *
   * @param at      the key or option the URL came from ({@code telemetry.broker}, {@code --broker})
   * @param problem receives (key, message) per problem
   */
  public static void check(String at, String url, TelemetryConfig t, BiConsumer<String, String> problem) {
    if (url.indexOf(',') >= 0) {
      // A cluster's nodes (docs/fleet.md): each node is checked, each problem said once.
      java.util.Set<String> said = new java.util.LinkedHashSet<>();
      for (String node : url.split(",")) {
        check(at, node.strip(), t, (key, message) -> {
          if (said.add(key + "\n" + message)) problem.accept(key, message);
        });
      }
      return;
    }
    if (hasCredentials(url)) {
      problem.accept(at, CREDENTIALS_IN_URL);
      return;
    }
    String scheme = scheme(url);
    if (!scheme.equals("tcp") && !scheme.equals("mqtt")) return;
    String host = host(url);
    List<String> tls = new ArrayList<>();
    t.tls().caFile().ifPresent(f -> tls.add("ca_file"));
    t.tls().certFile().ifPresent(f -> tls.add("cert_file"));
    t.tls().keyFile().ifPresent(f -> tls.add("key_file"));
    if (!t.tls().verifyHostname()) tls.add("verify_hostname");
    if (!tls.isEmpty()) {
      problem.accept("telemetry.tls", String.join(", ", tls) + " with a " + scheme + ":// broker would be ignored "
          + "and the link left unencrypted; use mqtts://" + hostOr(host) + ":8883, or remove telemetry.tls");
    }
    boolean password = t.passwordFile().isPresent() || t.passwordEnv().isPresent();
    if (password && host != null && !isLocal(host)) {
      problem.accept(t.passwordFile().isPresent() ? "telemetry.password_file" : "telemetry.password_env",
          "a password over " + scheme + ":// to " + host + " travels in clear; use mqtts://" + host
              + ":8883 (TLS, docs/security.md), or a broker on this machine");
    }
  }

  /** Whether {@code url} has a user-info part ({@code user:password@}). */
  public static boolean hasCredentials(String url) {
    if (url.indexOf(',') >= 0) {
      for (String node : url.split(",")) if (hasCredentials(node.strip())) return true;
      return false;
    }
    int sep = url.indexOf("://");
    String rest = sep >= 0 ? url.substring(sep + 3) : url;
    int end = rest.indexOf('/');
    String authority = end >= 0 ? rest.substring(0, end) : rest;
    return authority.contains("@");
  }

  /** Whether {@code host} is this machine: {@code localhost}, 127.0.0.0/8 or {@code ::1}. */
  public static boolean isLocal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1");
  }

  private static String scheme(String url) {
    int sep = url.indexOf("://");
    return sep > 0 ? url.substring(0, sep).toLowerCase(Locale.ROOT) : "";
  }

  private static String host(String url) {
    try {
      return new URI(url).getHost();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String hostOr(String host) {
    return host != null ? host : "HOST";
  }
}
