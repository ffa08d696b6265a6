package dev.foresight.runtime.cli;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.bench.BenchRobot;
import dev.foresight.runtime.link.LinkException;
import dev.foresight.runtime.link.LinkSettings;
import dev.foresight.runtime.link.LocalBroker;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.OperatorLink;
import dev.foresight.runtime.link.PahoTransport;
import dev.foresight.runtime.time.SystemClock;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code foresight bench fleet}: how many robots can one broker (or cluster) carry? Runs {@code --robots}
 * benchmark robots in this JVM, each with its own control loop and the real {@link OperatorLink} (status,
 * telemetry at its rate, events, metrics every second), sends each a command every
 * {@code --command-period} and times the acknowledgement, and receives the fleet's telemetry and metrics
 * on an MQTT 5 shared subscription ({@code $share/fleet-bench/...}, split over {@code --consumers}
 * clients), counting what arrives, what arrives twice, and how late.
 *
 * <p>Latency is receive time minus the sample's {@code ts} (epoch milliseconds, the tick's time), so it
 * holds the link's own queueing (up to one 5 ms network cycle) and the broker's; millisecond resolution.
 * With a comma-separated {@code --broker} list (a cluster's nodes), robot {@code i} starts its list at
 * node {@code i mod nodes} and consumer {@code j} connects to node {@code j mod nodes}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = {"N simulated robots with the real MQTT link against one broker or cluster; a shared-subscription "
        + "consumer measures delivery, duplicates, latency and command round trips.",
        "Uses an embedded broker unless --broker names one (a comma list for a cluster's nodes)."})
final class BenchFleetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--robots", defaultValue = "10", paramLabel = "N", description = "Robots (default: ${DEFAULT-VALUE}).")
  int robots;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Measured time, after a 2 s warm-up (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--broker", paramLabel = "URL", description = "Broker, or a cluster's nodes comma-separated "
      + "(default: an embedded one).")
  String broker;

  @Option(names = "--loop-hz", defaultValue = "50", description = "Each robot's loop rate (default: ${DEFAULT-VALUE}).")
  int loopHz;

  @Option(names = "--telemetry-hz", defaultValue = "10",
      description = "Each robot's telemetry rate, as telemetry.rate_hz (default: ${DEFAULT-VALUE}).")
  int telemetryHz;

  @Option(names = "--command-period", defaultValue = "1s", converter = DurationConverter.class,
      description = "Time between two commands to one robot (default: ${DEFAULT-VALUE}).")
  Duration commandPeriod;

  @Option(names = "--consumers", defaultValue = "1", description = "Clients sharing the subscription "
      + "(default: ${DEFAULT-VALUE}).")
  int consumers;

  @Option(names = "--batch", paramLabel = "D", converter = DurationConverter.class,
      description = "Send telemetry in batches of this long on telemetry/batch, as telemetry.batch_s "
          + "(default: each sample on its own).")
  Duration batch;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  static final String GROUP = "fleet-bench";
  static final long WARMUP_NS = TimeUnit.SECONDS.toNanos(2);

  @Override
  public Integer call() throws Exception {
    if (robots < 1 || robots > 5_000) throw new UserException("--robots: " + robots + " is out of range (1..5000)");
    if (loopHz < 10 || loopHz > 1000) throw new UserException("--loop-hz: " + loopHz + " is out of range (10..1000)");
    if (telemetryHz < 1 || telemetryHz > loopHz) {
      throw new UserException("--telemetry-hz: " + telemetryHz + " must be between 1 and the loop rate " + loopHz);
    }
    if (consumers < 1 || consumers > 64) throw new UserException("--consumers: " + consumers + " is out of range (1..64)");
    if (duration.toMillis() < 1_000) throw new UserException("--duration: at least 1s");
    if (commandPeriod.toMillis() < 10) throw new UserException("--command-period: at least 10ms");
    double batchS = batch == null ? 0 : batch.toNanos() * 1e-9;
    if (batch != null && (batchS < 0.05 || batchS > 10)) throw new UserException("--batch: 50ms to 10s");
    String[] nodes;
    try {
      nodes = broker == null ? null : LinkSettings.serverUri(broker).split(",");
    } catch (AssemblyException e) {
      throw new UserException("--broker: " + e.getMessage().replaceFirst("^telemetry.broker: ", ""));
    }
    PrintWriter out = spec.commandLine().getOut();
    LocalBroker embedded = null;
    if (nodes == null) {
      embedded = LinkSession.localBrokers().start(freePort());
      nodes = new String[] {embedded.url()};
    }
    FleetProbe probe = new FleetProbe(robots);
    List<MqttTransport> clients = new ArrayList<>();
    List<Robot> fleet = new ArrayList<>();
    List<OperatorLink> links = new ArrayList<>();
    try {
      if (!json) {
        out.printf(Locale.ROOT, "foresight bench fleet: %d robots (loop %d Hz, telemetry %d Hz, a command every %d ms "
            + "each), %d consumer(s), %s%n", robots, loopHz, telemetryHz, commandPeriod.toMillis(), consumers,
            embedded != null ? "embedded broker " + nodes[0] : String.join(",", nodes));
        out.flush();
      }
      for (int j = 0; j < consumers; j++) {
        MqttTransport c = client(nodes[j % nodes.length], "fleet-bench-consumer-" + j, probe);
        clients.add(c);
        c.connect(10_000);
        c.subscribe("$share/" + GROUP + "/foresight/+/telemetry", 0, 10_000);
        c.subscribe("$share/" + GROUP + "/foresight/+/telemetry/batch", 0, 10_000);
        c.subscribe("$share/" + GROUP + "/foresight/+/metrics", 0, 10_000);
      }
      MqttTransport commander = client(nodes[nodes.length - 1], FleetProbe.COMMANDER, probe);
      clients.add(commander);
      commander.connect(10_000);
      commander.subscribe("foresight/+/cmd/ack/" + FleetProbe.COMMANDER, 1, 10_000);
      long startNs = System.nanoTime();
      for (int i = 0; i < robots; i++) {
        String id = FleetProbe.robotId(i);
        LoadedConfig loaded = BenchRobot.config(loopHz, BenchRobot.PlannerMode.NONE, 0, -1, telemetryHz, id);
        Robot robot = BenchRobot.assemble(loaded, BenchRobot.PlannerMode.NONE, new SystemClock());
        fleet.add(robot);
        OperatorLink link = OperatorLink.attach(robot, LinkSettings.resolve(loaded, rotated(nodes, i), System.getenv())
            .withBatch(batchS), "bench");
        links.add(link);
        link.start();
        robot.start(Long.MAX_VALUE);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + robots / 20);
      for (OperatorLink l : links) {
        while (!l.state().equals("online")) {
          if (System.nanoTime() > deadline) {
            throw new UserException("--broker: " + links.stream().filter(x -> !x.state().equals("online")).count()
                + " of " + robots + " robots did not get online within " + (60 + robots / 20) + " s ("
                + l.lastProblem() + ")");
          }
          Thread.sleep(20);
        }
      }
      long onlineMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
      // Warm-up, then the measured window; commands are spread evenly over each period.
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WARMUP_NS));
      probe.measure(true);
      long windowStart = System.nanoTime();
      long windowEnd = windowStart + duration.toNanos();
      long spacingNs = Math.max(1, commandPeriod.toNanos() / robots);
      long next = windowStart;
      int k = 0;
      long commandFailures = 0;
      while (System.nanoTime() < windowEnd) {
        long now = System.nanoTime();
        if (now < next) {
          TimeUnit.NANOSECONDS.sleep(Math.min(next - now, windowEnd - now));
          continue;
        }
        next += spacingNs;
        int i = k++ % robots;
        String id = FleetProbe.robotId(i);
        String commandId = "fb-" + k;
        String body = "{\"id\":\"" + commandId + "\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
            + ",\"values\":{\"theta\":0.5}}";
        probe.commandSent(commandId, System.nanoTime());
        try {
          commander.publishRequest("foresight/" + id + "/cmd/setpoint", body.getBytes(StandardCharsets.UTF_8),
              "foresight/" + id + "/cmd/ack/" + FleetProbe.COMMANDER, commandId.getBytes(StandardCharsets.UTF_8),
              5_000);
        } catch (LinkException e) {
          commandFailures++;
        }
      }
      double windowS = (System.nanoTime() - windowStart) * 1e-9;
      probe.measure(false);
      // Stop the loops, let the links drain and the broker deliver, then count.
      for (Robot r : fleet) r.runner().stop();
      // A batch still being gathered goes out once it is batch_s old: wait for it before counting.
      Thread.sleep(200 + Math.round(batchS * 1000) + (batchS > 0 ? 300 : 0));
      long sent = 0;
      for (OperatorLink l : links) sent += l.telemetrySent();
      long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long last = -1;
      long stableSince = System.nanoTime();
      while (System.nanoTime() < drainEnd) {
        long now = probe.uniqueTelemetry();
        if (now >= sent && probe.acks() >= probe.commandsSent()) break;
        if (now != last) {
          last = now;
          stableSince = System.nanoTime();
        } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(2)) {
          break;
        }
        Thread.sleep(50);
      }
      FleetProbe.Result r = probe.result(sent, windowS);
      if (json) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode o = mapper.createObjectNode();
        o.put("robots", robots);
        o.put("broker", embedded != null ? "embedded" : String.join(",", nodes));
        o.put("loop_hz", loopHz);
        o.put("telemetry_hz", telemetryHz);
        o.put("consumers", consumers);
        o.put("batch_s", batchS);
        o.put("duration_s", windowS);
        o.put("messages_per_s", r.messagesPerS());
        o.put("payload_bytes_per_s", r.bytesPerS());
        o.put("telemetry_sent", r.sent());
        o.put("telemetry_delivered", r.unique());
        o.put("delivered_fraction", r.deliveredFraction());
        o.put("duplicates", r.duplicates());
        ObjectNode latency = o.putObject("latency_ms");
        latency.put("p50", r.latencyP50Ms());
        latency.put("p99", r.latencyP99Ms());
        ObjectNode rtt = o.putObject("command_rtt_ms");
        rtt.put("p50", r.rttP50Ms());
        rtt.put("p99", r.rttP99Ms());
        o.put("commands_sent", r.commandsSent());
        o.put("commands_acked", r.acks());
        o.put("commands_not_sent", commandFailures);
        o.put("online_after_ms", onlineMs);
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
      } else {
        out.printf(Locale.ROOT, "  all %d online after %d ms; measured %.1f s%n", robots, onlineMs, windowS);
        out.printf(Locale.ROOT, "  consumer: %.0f msg/s, %.0f payload bytes/s; telemetry delivered %d of %d (%.4f), %d duplicates; "
            + "latency p50 %.1f ms p99 %.1f ms%n", r.messagesPerS(), r.bytesPerS(), r.unique(), r.sent(), r.deliveredFraction(),
            r.duplicates(), r.latencyP50Ms(), r.latencyP99Ms());
        out.printf(Locale.ROOT, "  commands: %d sent, %d acknowledged, round trip p50 %.1f ms p99 %.1f ms%n",
            r.commandsSent(), r.acks(), r.rttP50Ms(), r.rttP99Ms());
      }
      out.flush();
      return ExitCodes.OK;
    } finally {
      for (OperatorLink l : links) l.close();
      for (Robot r : fleet) r.close();
      for (MqttTransport c : clients) {
        c.disconnect(500);
        c.close();
      }
      if (embedded != null) embedded.close();
    }
  }

  /** The node list starting at node {@code i mod nodes}, so a fleet spreads over a cluster. */
  static String rotated(String[] nodes, int i) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < nodes.length; k++) {
      if (k > 0) b.append(',');
      b.append(nodes[(i + k) % nodes.length]);
    }
    return b.toString();
  }

  private static MqttTransport client(String url, String clientId, FleetProbe probe) throws LinkException {
    return new PahoTransport(new MqttTransport.Options(url, clientId, Optional.empty(), Optional.empty(), null, true,
        Optional.empty(), 0, 30), new MqttTransport.Listener() {
          @Override
          public void onMessage(MqttTransport.Message message) {
            probe.accept(message, System.currentTimeMillis(), System.nanoTime());
          }

          @Override
          public void onConnectionLost(String reason) {}
        });
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
