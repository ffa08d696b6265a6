package dev.foresight.runtime.cli;

import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.link.CommandSignature;
import dev.foresight.runtime.link.LinkException;
import dev.foresight.runtime.link.LinkSettings;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.PahoTransport;
import dev.foresight.runtime.monitor.Fleet;
import dev.foresight.runtime.monitor.MonitorScreen;
import dev.foresight.runtime.monitor.RawTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code foresight monitor}: the operator's terminal view of the robots on a broker, with e-stop. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"Watch robots over MQTT: link state, mode, loop rate and jitter, cost, model error, battery and "
        + "latest events, refreshed in place. Keys: up/down (or j/k) select a robot, e sends it an e-stop after "
        + "you confirm with y, q quits.",
        "Without a terminal (or with --json) it prints instead of drawing.",
        "Every 500 ms it sends the operator heartbeat (foresight/<robot>/cmd/heartbeat) to each robot it watches; "
            + "with --key and --key-id its commands and heartbeats are signed (docs/security.md)."})
final class MonitorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "ROBOT-ID", description = "Watch only this robot (default: all).")
  String robotId;

  @Option(names = "--broker", paramLabel = "URL", defaultValue = "tcp://localhost:1883",
      description = "MQTT broker (default: ${DEFAULT-VALUE}); mqtts:// for TLS.")
  String broker;

  @Option(names = "--username", paramLabel = "NAME", description = "User name on the broker.")
  String username;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
  Path passwordFile;

  @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password.")
  String passwordEnv;

  @Option(names = "--ca-file", paramLabel = "FILE", description = "CA certificate (PEM) to trust for mqtts://.")
  Path caFile;

  @Option(names = "--key", paramLabel = "FILE",
      description = "Operator private key (PKCS#8 PEM, mode 600; foresight keys generate) to sign with.")
  Path keyFile;

  @Option(names = "--key-id", paramLabel = "NAME", description = "The key's id, as the robots' link.operator_keys name it.")
  String keyId;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 10s (default: until q or Ctrl-C).")
  Duration duration;

  @Option(names = "--json", description = "Print what was heard as JSON at the end (needs --duration).")
  boolean json;

  private final Fleet fleet = new Fleet();
  private final String clientId = "foresight-monitor-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private int commandCount;
  private long heartbeatCount;
  private String pendingId;
  private PrivateKey key;

  /** How often the operator heartbeat goes to each robot watched. */
  static final long HEARTBEAT_MS = 500;
  /** How long one heartbeat is valid. */
  static final long HEARTBEAT_EXPIRY_MS = 2_000;

  @Override
  public Integer call() throws Exception {
    if (json && duration == null) throw new UserException("--json needs --duration, e.g. --duration 5s");
    key = signingKey();
    PrintWriter out = spec.commandLine().getOut();
    String filter = robotId != null ? robotId : "+";
    String ackTopic = "cmd/ack/" + clientId;
    try (MqttTransport mqtt = new PahoTransport(options(), new MqttTransport.Listener() {
      @Override
      public void onMessage(MqttTransport.Message message) {
        fleet.accept(message.topic(), message.payload());
      }

      @Override
      public void onConnectionLost(String reason) {}
    }); ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r ->
        Thread.ofPlatform().daemon(true).name("foresight-heartbeat").unstarted(r))) {
      beat.scheduleAtFixedRate(() -> heartbeat(mqtt), 0, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
      long endNs = duration != null ? System.nanoTime() + duration.toNanos() : Long.MAX_VALUE;
      java.io.Console console = System.console();
      boolean terminal = !json && console != null && console.isTerminal();
      if (terminal) return interactive(mqtt, filter, ackTopic, out, endNs);
      while (System.nanoTime() < endNs) {
        ensureConnected(mqtt, filter, ackTopic);
        if (!json) {
          for (String line : MonitorScreen.render(fleet.robots(), 0, broker, "", "", System.currentTimeMillis())) {
            out.println(line);
          }
          out.println();
          out.flush();
        }
        Thread.sleep(Math.min(2_000, Math.max(1, (endNs - System.nanoTime()) / 1_000_000)));
      }
      if (json) printJson(out);
      return ExitCodes.OK;
    }
  }

  private int interactive(MqttTransport mqtt, String filter, String ackTopic, PrintWriter out, long endNs)
      throws IOException, InterruptedException {
    BlockingQueue<Integer> keys = new ArrayBlockingQueue<>(64);
    try (RawTerminal raw = RawTerminal.enter()) {
      Thread reader = Thread.ofPlatform().daemon(true).name("foresight-keys").start(() -> readKeys(System.in, keys));
      out.print("\033[?25l\033[2J");
      int columns = raw.columns();
      long nextSize = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      int selected = 0;
      String prompt = "";
      String message = "";
      long nextConnect = 0;
      try {
        while (System.nanoTime() < endNs) {
          if (!mqtt.connected() && System.nanoTime() >= nextConnect) {
            message = ensureConnected(mqtt, filter, ackTopic) ? "" : "cannot reach " + broker + "; retrying";
            nextConnect = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
          }
          List<Fleet.Robot> robots = fleet.robots();
          Integer key = keys.poll(250, TimeUnit.MILLISECONDS);
          if (key != null) {
            int k = key;
            if (!prompt.isEmpty()) {
              if ((k == 'y' || k == 'Y') && !robots.isEmpty()) {
                message = estop(mqtt, robots.get(selected).id(), ackTopic);
              } else {
                message = "e-stop cancelled";
              }
              prompt = "";
            } else if (k == 'q' || k == 'Q' || k == 3 || k == 4) {
              break;
            } else if (k == 'j' || k == 'B') {
              selected = Math.min(selected + 1, Math.max(0, robots.size() - 1));
            } else if (k == 'k' || k == 'A') {
              selected = Math.max(0, selected - 1);
            } else if ((k == 'e' || k == 'E') && !robots.isEmpty()) {
              prompt = "E-STOP " + robots.get(selected).id() + "? press y to send, any other key cancels";
            }
          }
          selected = Math.min(selected, Math.max(0, robots.size() - 1));
          if (pendingId != null) {
            for (Fleet.Robot r : robots) {
              if (r.ack().contains(" " + pendingId + ": ")) {
                message = "e-stop " + pendingId + " acknowledged by " + r.id();
                pendingId = null;
                break;
              }
            }
          }
          if (System.nanoTime() > nextSize) {
            columns = raw.columns();
            nextSize = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
          }
          StringBuilder screen = new StringBuilder("\033[H");
          for (String line : MonitorScreen.render(robots, selected, broker, prompt, message,
              System.currentTimeMillis())) {
            screen.append(line.length() < columns ? line : line.substring(0, Math.max(0, columns - 1)))
                .append("\033[K\n");
          }
          screen.append("\033[J");
          out.print(screen);
          out.flush();
        }
      } finally {
        out.print("\033[?25h\n");
        out.flush();
        reader.interrupt();
      }
    }
    return ExitCodes.OK;
  }

  /** Reads key bytes; arrow keys (ESC [ A/B) arrive as 'A'/'B' after their prefix is dropped. */
  private static void readKeys(InputStream in, BlockingQueue<Integer> keys) {
    try {
      int escape = 0;
      for (int b; (b = in.read()) >= 0; ) {
        if (b == 27) {
          escape = 1;
          continue;
        }
        if (escape == 1 && b == '[') {
          escape = 2;
          continue;
        }
        if (escape == 2) {
          escape = 0;
          if (b == 'A' || b == 'B') keys.offer(b);
          continue;
        }
        escape = 0;
        keys.offer(b);
      }
    } catch (IOException e) {
      // Terminal closed.
    }
  }

  private boolean ensureConnected(MqttTransport mqtt, String filter, String ackTopic) {
    if (mqtt.connected()) return true;
    try {
      mqtt.connect(5_000);
      for (String leaf : new String[] {"status", "telemetry", "metrics", "events"}) {
        mqtt.subscribe("foresight/" + filter + "/" + leaf, leaf.equals("telemetry") || leaf.equals("metrics") ? 0 : 1,
            5_000);
      }
      mqtt.subscribe("foresight/" + filter + "/telemetry/batch", 0, 5_000);
      mqtt.subscribe("foresight/" + filter + "/" + ackTopic, 1, 5_000);
      return true;
    } catch (LinkException e) {
      if (e.refused()) throw new UserException("broker " + broker + " refused the monitor: " + e.getMessage());
      return false;
    }
  }

  /** The key to sign with, checked like ssh checks its keys; null when not signing. */
  private PrivateKey signingKey() throws IOException {
    if ((keyFile == null) != (keyId == null)) throw new UserException("--key and --key-id go together; give both");
    if (keyFile == null) return null;
    if (!Files.isRegularFile(keyFile)) throw new UserException("--key: " + keyFile + " not found");
    PrivateKey parsed;
    try {
      parsed = CommandSignature.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new UserException("--key: " + keyFile + " " + e.getMessage());
    }
    try {
      java.util.Set<PosixFilePermission> mode = Files.getPosixFilePermissions(keyFile);
      if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
        throw new UserException("--key: " + keyFile + " is readable by others (" + java.nio.file.attribute
            .PosixFilePermissions.toString(mode) + "); chmod 600 " + keyFile);
      }
    } catch (UnsupportedOperationException noPosix) {
      // not a Unix file system: nothing to check
    }
    return parsed;
  }

  /** The robots the heartbeat goes to: the one watched, or every one heard of. */
  private List<String> watched() {
    if (robotId != null) return List.of(robotId);
    return fleet.robots().stream().map(Fleet.Robot::id).toList();
  }

  /** One operator heartbeat to each robot watched (QoS 0: a late heartbeat is worth nothing). */
  private void heartbeat(MqttTransport mqtt) {
    if (!mqtt.connected()) return;
    long now = System.currentTimeMillis();
    String payload = "{\"id\":\"" + clientId + "-hb-" + ++heartbeatCount + "\",\"expires_at\":"
        + (now + HEARTBEAT_EXPIRY_MS) + "}";
    for (String robot : watched()) {
      try {
        send(mqtt, "foresight/" + robot + "/cmd/heartbeat", payload, 0, null, null);
      } catch (LinkException | RuntimeException e) {
        // the next one, 500 ms on, may get through
      }
    }
  }

  /** Publishes, signed when a key is given. */
  private void send(MqttTransport mqtt, String topic, String payload, int qos, String replyTopic, byte[] correlation)
      throws LinkException {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    List<MqttTransport.Property> properties = key == null ? List.of()
        : CommandSignature.properties(keyId, key, topic, bytes);
    mqtt.publishRequest(topic, bytes, qos, replyTopic, correlation, properties, 5_000);
  }

  private String estop(MqttTransport mqtt, String robot, String ackTopic) {
    String id = clientId + "-" + ++commandCount;
    String payload = "{\"id\":\"" + id + "\",\"expires_at\":" + (System.currentTimeMillis() + 10_000)
        + ",\"reason\":\"operator e-stop from foresight monitor\"}";
    try {
      send(mqtt, "foresight/" + robot + "/cmd/estop", payload, 1, "foresight/" + robot + "/" + ackTopic,
          id.getBytes(StandardCharsets.UTF_8));
      pendingId = id;
      return "e-stop " + id + " sent to " + robot + "; waiting for its acknowledgement";
    } catch (LinkException e) {
      return "e-stop to " + robot + " NOT sent: " + e.getMessage();
    }
  }

  private MqttTransport.Options options() throws IOException {
    String uri;
    try {
      uri = LinkSettings.serverUri(broker);
    } catch (AssemblyException e) {
      throw new UserException("--broker: " + e.getMessage().replaceFirst("^telemetry.broker: ", ""));
    }
    Optional<byte[]> password = Optional.empty();
    if (passwordFile != null) {
      password = Optional.of(Files.readString(passwordFile).lines().findFirst().orElse("").getBytes(StandardCharsets.UTF_8));
    } else if (passwordEnv != null) {
      String value = System.getenv(passwordEnv);
      if (value == null) throw new UserException("--password-env: environment variable " + passwordEnv + " is not set");
      password = Optional.of(value.getBytes(StandardCharsets.UTF_8));
    }
    javax.net.ssl.SSLSocketFactory tls = null;
    if (uri.startsWith("ssl://")) {
      try {
        tls = LinkSettings.tls(Optional.ofNullable(caFile), Optional.empty(), Optional.empty());
      } catch (AssemblyException e) {
        throw new UserException("--ca-file: " + e.getMessage());
      }
    }
    return new MqttTransport.Options(uri, clientId, Optional.ofNullable(username), password, tls, true,
        Optional.empty(), 0, 10);
  }

  private void printJson(PrintWriter out) {
    JsonMapper mapper = JsonMapper.builder().build();
    ArrayNode array = mapper.createArrayNode();
    for (Fleet.Robot r : fleet.robots()) {
      ObjectNode o = array.addObject();
      o.put("robot", r.id());
      o.put("link", r.state());
      o.put("mode", r.mode());
      number(o, "rate_hz", r.rateHz());
      number(o, "jitter_p99_us", r.jitterP99Us());
      number(o, "cost", r.cost());
      number(o, "model_error", r.modelError());
      number(o, "trust", r.trust());
      number(o, "battery_v", r.batteryV());
      ArrayNode events = o.putArray("events");
      r.events().forEach(events::add);
      o.put("last_ack", r.ack());
    }
    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    out.flush();
  }

  private static void number(ObjectNode o, String name, double x) {
    if (Double.isNaN(x)) o.putNull(name);
    else o.put(name, x);
  }
}
