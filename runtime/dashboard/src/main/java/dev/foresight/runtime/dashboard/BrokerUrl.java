package dev.foresight.runtime.dashboard;

import dev.foresight.runtime.cli.UserException;
import java.net.URI;
import java.net.URISyntaxException;

/** The broker URL the page connects to: MQTT over WebSocket, {@code ws://HOST:PORT/PATH} or {@code wss://...}. */
final class BrokerUrl {

  private BrokerUrl() {}

  /**
   * Checks {@code url}; a bad one is a {@link UserException} naming it and the fix.
   *
   * @return {@code url}
   */
  static String check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UserException("--broker: '" + url + "' is not a URL (" + e.getReason() + "); the page needs the "
          + "broker's WebSocket listener, e.g. ws://127.0.0.1:8083/mqtt");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new UserException("--broker: '" + url + "' is not a WebSocket URL; the page speaks MQTT over WebSocket "
          + "to the broker's WebSocket listener, e.g. ws://127.0.0.1:8083/mqtt (docs/telemetry.md shows Mosquitto's)");
    }
    if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || url.contains("\"")
        || url.contains("\\")) {
      throw new UserException("--broker: '" + url + "' needs a host and no user, password or query: "
          + "ws://HOST:PORT/PATH (the page asks for credentials itself and never puts them in a URL)");
    }
    return url;
  }
}
