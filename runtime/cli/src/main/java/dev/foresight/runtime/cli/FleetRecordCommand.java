package dev.foresight.runtime.cli;

import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.link.LinkException;
import dev.foresight.runtime.link.LinkSettings;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.PahoTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code foresight fleet record}: subscribes to the fleet's telemetry on an MQTT 5 shared subscription
 * ({@code $share/<group>/foresight/+/telemetry}, so several instances split the messages) and writes
 * one MCAP recording per robot ({@link FleetRecorder}), until {@code --duration} or Ctrl-C.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record the fleet's telemetry into one MCAP file per robot (readable by log info and model train), "
        + "on a shared subscription so several instances split the load.",
        "Until --duration or Ctrl-C; files are flushed every 2 s and closed at the end."})
final class FleetRecordCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--broker", paramLabel = "URL", defaultValue = "tcp://localhost:1883",
      description = "MQTT broker, or a cluster's nodes comma-separated (default: ${DEFAULT-VALUE}).")
  String broker;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the recordings.")
  Path out;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
      description = "Config of the fleet's robots: names the state and action variables, loop and telemetry rates.")
  Path config;

  @Option(names = "--group", paramLabel = "NAME", defaultValue = "fleet-record",
      description = "Shared subscription group; instances in one group split the messages (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 10m (default: until Ctrl-C).")
  Duration duration;

  @Option(names = "--json", description = "Print what was recorded as JSON at the end.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!group.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new UserException("--group: '" + group + "' is not a share name; use letters, digits, _ and - (no / + #)");
    }
    String uri;
    try {
      uri = LinkSettings.serverUri(broker);
    } catch (AssemblyException e) {
      throw new UserException("--broker: " + e.getMessage().replaceFirst("^telemetry.broker: ", ""));
    }
    if (uri.startsWith("ssl://")) throw new UserException("--broker: fleet record speaks plain MQTT for now; use tcp://");
    if (Files.exists(out) && !Files.isDirectory(out)) throw new UserException("--out: " + out + " is a file, not a folder");
    LoadedConfig loaded = ConfigLoader.load(config);
    PrintWriter stdout = spec.commandLine().getOut();
    AtomicReference<IOException> failed = new AtomicReference<>();
    CountDownLatch stop = new CountDownLatch(1);
    Thread onSignal = Thread.ofPlatform().name("foresight-fleet-record-stop").unstarted(stop::countDown);
    try (FleetRecorder recorder = new FleetRecorder(loaded, out, VersionProvider.version())) {
      String clientId = "foresight-fleet-record-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      try (MqttTransport mqtt = new PahoTransport(new MqttTransport.Options(uri, clientId, Optional.empty(),
          Optional.empty(), null, true, Optional.empty(), 0, 10), new MqttTransport.Listener() {
            @Override
            public void onMessage(MqttTransport.Message message) {
              try {
                recorder.accept(message.topic(), message.payload());
              } catch (IOException e) {
                failed.compareAndSet(null, e);
                stop.countDown();
              }
            }

            @Override
            public void onConnectionLost(String reason) {}
          })) {
        String filter = "$share/" + group + "/foresight/+/telemetry";
        connect(mqtt, filter);
        if (!json) {
          stdout.println("foresight fleet record: " + filter + " on " + broker + " -> " + out + "/<robot>.mcap");
          stdout.flush();
        }
        Runtime.getRuntime().addShutdownHook(onSignal);
        long endNs = duration != null ? System.nanoTime() + duration.toNanos() : Long.MAX_VALUE;
        while (stop.getCount() > 0 && System.nanoTime() < endNs) {
          stop.await(Math.min(2_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(endNs - System.nanoTime()))),
              TimeUnit.MILLISECONDS);
          recorder.flush();
          if (!mqtt.connected()) connect(mqtt, filter);   // the shared subscription is taken up again
        }
        mqtt.disconnect(1_000);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException e) {
          // shutting down already
        }
      }
      if (failed.get() != null) throw new IOException("writing the recordings in " + out + ": " + failed.get().getMessage());
      recorder.close();
      report(stdout, recorder);
    }
    return ExitCodes.OK;
  }

  private void connect(MqttTransport mqtt, String filter) {
    try {
      mqtt.connect(5_000);
      mqtt.subscribe(filter, 0, 5_000);
      mqtt.subscribe(filter + "/batch", 0, 5_000);
    } catch (LinkException e) {
      if (e.refused()) throw new UserException("broker " + broker + " refused fleet record: " + e.getMessage());
      throw new UserException("--broker: cannot reach " + broker + " (" + e.getMessage() + ")");
    }
  }

  private void report(PrintWriter stdout, FleetRecorder recorder) {
    Map<String, Long> samples = recorder.samples();
    Map<String, Path> files = recorder.files();
    if (json) {
      JsonMapper mapper = JsonMapper.builder().build();
      ObjectNode o = mapper.createObjectNode();
      ObjectNode robots = o.putObject("robots");
      samples.forEach((id, n) -> robots.putObject(id).put("file", files.get(id).toString()).put("samples", n));
      o.put("mismatched", recorder.mismatched());
      o.put("unreadable", recorder.unreadable());
      o.put("out_of_order", recorder.outOfOrder());
      stdout.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    } else {
      samples.forEach((id, n) -> stdout.println("  " + id + ": " + n + " samples -> " + files.get(id)));
      stdout.println("  " + samples.size() + " robots; " + recorder.mismatched() + " samples of another kind of robot, "
          + recorder.unreadable() + " unreadable, " + recorder.outOfOrder() + " out of order (not written)");
    }
    stdout.flush();
  }
}
