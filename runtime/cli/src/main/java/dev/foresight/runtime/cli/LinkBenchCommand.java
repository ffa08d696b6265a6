package dev.foresight.runtime.cli;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.bench.BenchRobot;
import dev.foresight.runtime.link.LinkSettings;
import dev.foresight.runtime.link.LocalBroker;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.OperatorLink;
import dev.foresight.runtime.link.PahoTransport;
import dev.foresight.runtime.loop.MetricsSnapshot;
import dev.foresight.runtime.time.SystemClock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code foresight bench link}: does publishing telemetry change the loop's timing? Runs the demo
 * pendulum's loop at {@code --loop-hz} on the real clock, in interleaved rounds without and with
 * the MQTT link publishing at {@code --telemetry-hz} (and a subscriber receiving it), and compares
 * the period error (start jitter) percentiles.
 *
 * <p>The pendulum plant steps 0.05 s per tick whatever the pace, so at 500 Hz its physics runs 25x
 * fast; that changes nothing the benchmark measures (the same work per tick, on the clock).
 */
@Command(name = "link", mixinStandardHelpOptions = true,
    description = {"Loop timing without and with MQTT telemetry, in interleaved rounds.",
        "Uses an embedded broker unless --broker names one."})
final class LinkBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--loop-hz", defaultValue = "500", description = "Loop rate (default: ${DEFAULT-VALUE}).")
  int loopHz;

  @Option(names = "--telemetry-hz", defaultValue = "100", description = "Telemetry rate (default: ${DEFAULT-VALUE}).")
  int telemetryHz;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "Length of each round (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds of each kind (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--broker", paramLabel = "URL", description = "Broker (default: an embedded one).")
  String broker;

  @Option(names = "--realtime-priority", paramLabel = "N", defaultValue = "80",
      description = "SCHED_FIFO priority of the control thread, 1..98, or 0 for normal scheduling (default 80, "
          + "as bench loop and loop.realtime_priority; needs CAP_SYS_NICE, else a warning and normal scheduling).")
  int priority;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  /** One round's numbers. */
  record Round(boolean link, String scheduling, long ticks, long p50Us, long p99Us, long maxUs, long tickP99Us,
      long overruns, long sent, long dropped, long received) {}

  @Override
  public Integer call() throws Exception {
    if (loopHz < 10 || loopHz > 1000) throw new UserException("--loop-hz: " + loopHz + " is out of range (10..1000)");
    if (telemetryHz < 1 || telemetryHz > loopHz) {
      throw new UserException("--telemetry-hz: " + telemetryHz + " must be between 1 and the loop rate " + loopHz);
    }
    BenchLoopCommand.checkPriority(priority);
    PrintWriter out = spec.commandLine().getOut();
    // The benchmark robot of bench loop (simulated devices, PID, the full supervisor) at --loop-hz, with
    // the telemetry rate set so the link keeps every (loop / telemetry)-th tick.
    int decimation = Math.max(1, Math.round(loopHz / (float) telemetryHz));
    LoadedConfig loaded = BenchRobot.config(loopHz, BenchRobot.PlannerMode.NONE, priority, -1, loopHz / (double) decimation);
    LocalBroker embedded = broker == null ? LinkSession.localBrokers().start(freePort()) : null;
    String url = broker != null ? broker : embedded.url();
    List<Round> results = new ArrayList<>();
    try {
      if (!json) {
        out.printf(Locale.ROOT, "foresight bench link: loop %d Hz, telemetry %d Hz, %d x %s rounds each, broker %s%n",
            loopHz, loopHz / decimation, rounds, duration.toSeconds() + " s", broker != null ? url : "embedded " + url);
        out.flush();
      }
      for (int i = 0; i < rounds * 2; i++) {
        Round r = round(loaded, url, i % 2 == 1);
        results.add(r);
        if (!json) {
          if (i == 0) out.printf(Locale.ROOT, "  control thread: %s%n", r.scheduling);
          out.printf(Locale.ROOT, "  round %d %-12s ticks %6d  jitter p50 %5d us  p99 %6d us  max %7d us  tick p99 %5d us"
              + "  overruns %d%s%n", i + 1, r.link ? "telemetry" : "no telemetry", r.ticks, r.p50Us, r.p99Us, r.maxUs,
              r.tickP99Us, r.overruns, r.link ? String.format(Locale.ROOT, "  sent %d dropped %d received %d", r.sent,
                  r.dropped, r.received) : "");
          out.flush();
        }
      }
    } finally {
      if (embedded != null) embedded.close();
    }
    long[] offP99 = results.stream().filter(r -> !r.link).mapToLong(Round::p99Us).toArray();
    long[] onP99 = results.stream().filter(Round::link).mapToLong(Round::p99Us).toArray();
    long[] offP50 = results.stream().filter(r -> !r.link).mapToLong(Round::p50Us).toArray();
    long[] onP50 = results.stream().filter(Round::link).mapToLong(Round::p50Us).toArray();
    double ratio = median(onP99) / Math.max(1.0, median(offP99));
    if (json) {
      JsonMapper mapper = JsonMapper.builder().build();
      ObjectNode o = mapper.createObjectNode();
      o.put("loop_hz", loopHz);
      o.put("telemetry_hz", loopHz / decimation);
      o.put("realtime_priority", priority);
      o.put("round_s", duration.toSeconds());
      ArrayNode array = o.putArray("rounds");
      for (Round r : results) array.addPOJO(r);
      o.put("median_p50_us_without", median(offP50));
      o.put("median_p50_us_with", median(onP50));
      o.put("median_p99_us_without", median(offP99));
      o.put("median_p99_us_with", median(onP99));
      o.put("p99_ratio", ratio);
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    } else {
      out.printf(Locale.ROOT, "median jitter p50: %.0f us without, %.0f us with; p99: %.0f us without, %.0f us with "
          + "(ratio %.2f)%n", median(offP50), median(onP50), median(offP99), median(onP99), ratio);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Round round(LoadedConfig loaded, String url, boolean withLink) throws Exception {
    try (Robot robot = BenchRobot.assemble(loaded, BenchRobot.PlannerMode.NONE, new SystemClock())) {
      robot.safety().arm("bench");
      OperatorLink link = null;
      MqttTransport subscriber = null;
      AtomicLong received = new AtomicLong();
      if (withLink) {
        link = OperatorLink.attach(robot, LinkSettings.resolve(loaded, url, System.getenv()), "bench");
        link.start();
        subscriber = new PahoTransport(new MqttTransport.Options(LinkSettings.serverUri(url), "bench-subscriber",
            Optional.empty(), Optional.empty(), null, true, Optional.empty(), 0, 10), new MqttTransport.Listener() {
              @Override
              public void onMessage(MqttTransport.Message message) {
                received.incrementAndGet();
              }

              @Override
              public void onConnectionLost(String reason) {}
            });
        subscriber.connect(5_000);
        subscriber.subscribe("foresight/+/telemetry", 0, 5_000);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!link.state().equals("online") && System.nanoTime() < deadline) Thread.sleep(10);
      }
      try {
        robot.start(duration.toNanos());
        robot.runner().awaitStop(Long.MAX_VALUE);
        MetricsSnapshot s = robot.loop().metrics().snapshot();
        return new Round(withLink, robot.runner().scheduling(), s.ticks(), Math.round(s.periodErrorUs().p50()), Math.round(s.periodErrorUs().p99()),
            Math.round(s.periodErrorUs().max()), Math.round(s.tickUs().p99()), s.overruns(),
            link != null ? link.telemetrySent() : 0, link != null ? link.telemetryDropped() : 0, received.get());
      } finally {
        if (subscriber != null) subscriber.close();
        if (link != null) link.close();
      }
    }
  }

  private static double median(long[] values) {
    if (values.length == 0) return Double.NaN;
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
