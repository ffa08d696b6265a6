package dev.foresight.runtime.dashboard;

import dev.foresight.runtime.cli.DurationConverter;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foresight dashboard [--port 8080] [--broker ws://127.0.0.1:8083/mqtt] [--duration D]}. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serve the operator dashboard on http://127.0.0.1:PORT/: the fleet, the focused robot's live plots, "
        + "events and alerts, e-stop (Space) and the other commands. The page talks MQTT 5 over WebSocket straight "
        + "to the broker; this command only serves its files.",
        "Runs until Ctrl-C or --duration. docs/dashboard.md has the details."})
public final class DashboardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port on 127.0.0.1 to serve the page on (default 8080; 0 picks a free one).")
  int port;

  @Option(names = "--broker", paramLabel = "URL", defaultValue = "ws://127.0.0.1:8083/mqtt",
      description = "The broker's MQTT-over-WebSocket listener the page connects to (default "
          + "ws://127.0.0.1:8083/mqtt, the demo's embedded broker).")
  String broker;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 10m (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) throw new UserException("--port: " + port + " is not a port (0..65535)");
    BrokerUrl.check(broker);
    DashboardServer server;
    try {
      server = DashboardServer.start(port, broker);
    } catch (IOException e) {
      throw new UserException("--port: cannot serve on 127.0.0.1:" + port + " (" + e.getMessage() + "); another "
          + "program has it: pick a free port with --port");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread onSignal = Thread.ofPlatform().unstarted(stop::countDown);
    Runtime.getRuntime().addShutdownHook(onSignal);
    try (server) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "foresight dashboard: %s (broker %s; page %.1f KB gzipped); %s%n", server.url(), broker,
          server.pageBytesGzipped() / 1024.0, duration != null ? "stopping after " + duration.toSeconds() + " s"
              : "Ctrl-C stops");
      out.flush();
      stop.await(duration != null ? duration.toMillis() : Long.MAX_VALUE, TimeUnit.MILLISECONDS);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook runs now.
      }
    }
    return ExitCodes.OK;
  }
}
