package dev.foresight.runtime.cli;

import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.link.LinkException;
import dev.foresight.runtime.link.LinkSettings;
import dev.foresight.runtime.link.LocalBroker;
import dev.foresight.runtime.link.OperatorLink;
import dev.foresight.runtime.link.Topics;

/**
 * The operator link of a {@code run} or {@code demo}: which broker (the {@code --broker} option,
 * else {@code telemetry.broker}; the demo starts an embedded one when neither names a broker), the
 * link itself, and closing both in order.
 */
final class LinkSession implements AutoCloseable {

  private final LocalBroker broker;
  private final OperatorLink link;
  private final String summary;
  private WebDashboard dashboard;
  private String dashboardLine = "";

  private LinkSession(LocalBroker broker, OperatorLink link, String summary) {
    this.broker = broker;
    this.link = link;
    this.summary = summary;
  }

  /**
   * Opens the link for {@code robot} (call before the loop starts).
   *
   * @param brokerOption the {@code --broker} value, or null
   * @param demo         start an embedded broker when no broker is configured
   */
  static LinkSession open(Robot robot, String brokerOption, boolean demo) {
    if (brokerOption != null && !brokerOption.equals("none") && !brokerOption.equals("embedded")) {
      try {
        LinkSettings.serverUri(brokerOption);
      } catch (AssemblyException e) {
        throw new UserException("--broker: " + e.getMessage().replaceFirst("^telemetry.broker: ", ""));
      }
    }
    String configured = robot.config().telemetry().broker();
    String broker = brokerOption != null ? brokerOption : configured;
    if (broker.equals("none") && demo) broker = "embedded";
    if (broker.equals("none")) return new LinkSession(null, null, "");
    LocalBroker embedded = null;
    String url = broker;
    String where;
    if (broker.equals("embedded")) {
      var config = robot.config();
      if (config.hardware().platform() != dev.foresight.config.Platform.SIM && !config.telemetry().allowEmbeddedBroker()) {
        throw new UserException((brokerOption != null ? "--broker" : "telemetry.broker") + ": embedded on "
            + "hardware.platform: " + config.hardware().platform().id() + ": the embedded broker has no authentication "
            + "and dies with the robot; name a broker (mqtts://host:8883), or set telemetry.allow_embedded_broker: "
            + "true for a bench");
      }
      try {
        embedded = localBrokers().start(LocalBroker.DEFAULT_PORT, LocalBroker.DEFAULT_WEBSOCKET_PORT);
        url = embedded.url();
        where = "embedded broker " + url;
      } catch (LocalBroker.PortTaken e) {
        // Whatever listens on 1883 is not ours: say so rather than hand the robot to it unasked.
        throw new UserException("embedded broker: " + e.getMessage());
      } catch (LinkException e) {
        throw new UserException("embedded broker: " + e.getMessage());
      }
    } else {
      where = url;
    }
    try {
      LinkSettings settings = LinkSettings.resolve(robot.loaded(), url, System.getenv());
      OperatorLink link = OperatorLink.attach(robot, settings, VersionProvider.version());
      link.start();
      String topics = Topics.root(robot.config().robot().id()) + "#";
      LinkSession session = new LinkSession(embedded, link, "mqtt " + where + ", topics " + topics);
      if (demo) session.serveDashboard(embedded);
      return session;
    } catch (AssemblyException | LinkException e) {
      if (embedded != null) embedded.close();
      throw new UserException(robot.loaded().file().getFileName() + ": " + e.getMessage());
    }
  }

  /** The embedded broker plugin, or a user error naming what is missing. */
  static LocalBroker.Provider localBrokers() {
    return Plugins.first(LocalBroker.Provider.class).orElseThrow(() -> new UserException("telemetry.broker: embedded "
        + "needs the embedded broker plugin (foresight-broker), which is not installed here; name a broker "
        + "(--broker tcp://HOST:1883) or install the plugins"));
  }

  /**
   * The demo serves the dashboard beside its embedded broker (whose WebSocket listener the page talks to);
   * with any other broker it says how to serve it, since only the user knows that broker's WebSocket URL.
   */
  private void serveDashboard(LocalBroker embedded) {
    String ws = embedded == null ? "" : embedded.webSocketUrl();
    if (ws.isEmpty()) {
      dashboardLine = "dashboard: not served (" + (embedded == null ? "not the embedded broker" : "port "
          + LocalBroker.DEFAULT_WEBSOCKET_PORT + " is in use") + "); foresight dashboard --broker ws://HOST:PORT/mqtt "
          + "serves it for a broker with a WebSocket listener (docs/dashboard.md)";
      return;
    }
    var provider = Plugins.first(WebDashboard.Provider.class);
    if (provider.isEmpty()) {
      dashboardLine = "dashboard: not served (the dashboard plugin, foresight-dashboard, is not installed here)";
      return;
    }
    try {
      dashboard = provider.get().start(WebDashboard.DEFAULT_PORT, ws);
      dashboardLine = "dashboard: " + dashboard.url() + " (MQTT over WebSocket " + ws + ")";
    } catch (java.io.IOException e) {
      dashboardLine = "dashboard: not served (port " + WebDashboard.DEFAULT_PORT + " is in use); foresight dashboard "
          + "--port N --broker " + ws + " serves it on another port";
    }
  }

  /** One line for the start banner about the dashboard (the demo's), or empty. */
  String dashboardLine() {
    return dashboardLine;
  }

  /** One line for the start banner, or empty when there is no link. */
  String summary() {
    return summary;
  }

  /** One summary line: what the link sent, dropped, and its state. */
  String stats() {
    OperatorLink l = link;
    String problem = l.state().equals("online") || l.lastProblem().isEmpty() ? "" : " (" + l.lastProblem() + ")";
    return String.format(java.util.Locale.ROOT, "  telemetry: %d samples sent, %d dropped, %d events sent; link %s%s",
        l.telemetrySent(), l.telemetryDropped(), l.eventsSent(), l.state(), problem);
  }

  /**
   * With the embedded broker, waits up to {@code timeoutMs} for the link's first connection: that broker
   * is this process's own, on loopback, so connecting to it is part of starting up, not a lost link
   * (the demo would otherwise open with a {@code link_lost} warning while the broker comes up). With
   * a named broker nothing waits: a robot starts with its broker down, and the ladder handles it.
   */
  void awaitEmbeddedBroker(long timeoutMs) throws InterruptedException {
    if (broker == null || link == null) return;
    long until = System.nanoTime() + timeoutMs * 1_000_000;
    while (!link.state().equals("online") && System.nanoTime() < until) Thread.sleep(10);
  }

  /** The link, or null. */
  OperatorLink link() {
    return link;
  }

  @Override
  public void close() {
    if (dashboard != null) dashboard.close();
    if (link != null) link.close();
    if (broker != null) {
      // HiveMQ's orderly stop takes seconds; the command is about to exit (and with it the
      // broker), so the user does not wait for more than half a second of it.
      Thread stopping = Thread.ofPlatform().daemon(true).name("foresight-broker-stop").start(broker::close);
      try {
        stopping.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
