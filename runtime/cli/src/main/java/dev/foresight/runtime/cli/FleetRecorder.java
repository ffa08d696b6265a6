package dev.foresight.runtime.cli;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RecordingConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.record.Recorder;
import dev.foresight.runtime.record.RecordingLayout;
import dev.foresight.runtime.record.RunMetadata;
import dev.foresight.runtime.safety.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fleet telemetry into per-robot MCAP recordings ({@code foresight fleet record}): each robot's samples
 * become the ticks of {@code <out>/<robot-id>.mcap} (state and applied action channels named by the
 * fleet's robot config, the mode and cost), readable by {@code log info|export} and {@code model
 * train}. A recorded tick is one telemetry sample: its number is the loop tick divided by the
 * telemetry decimation and its period the telemetry period, so at {@code telemetry.rate_hz} = the
 * loop rate the files train a model for that loop. Samples that do not carry the config's variables
 * (another kind of robot) are counted, not written.
 *
 * <pre>{@code
 * try (FleetRecorder r = new FleetRecorder(loaded, Path.of("fleet-data"), "foresight 0.1.0")) {
 *   r.accept("foresight/r7/telemetry", payload);
 * }
 * }</pre>
 */
final class FleetRecorder implements AutoCloseable {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final LoadedConfig loaded;
  private final Path out;
  private final String version;
  private final RecordingLayout layout;
  private final int decimation;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Robot> robots = new TreeMap<>();
  private long mismatched;
  private long unreadable;
  private boolean closed;

  /** One robot's recording and its reusable frame. */
  private static final class Robot {
    final Path file;
    final Recorder recorder;
    final TickFrame frame;
    long samples;
    long lastTick = -1;
    long outOfOrder;

    Robot(Path file, Recorder recorder, TickFrame frame) {
      this.file = file;
      this.recorder = recorder;
      this.frame = frame;
    }
  }

  /**
   * A recorder for robots of {@code loaded}'s kind (its state and action variables, loop rate and
   * telemetry rate), writing into {@code out}.
   */
  FleetRecorder(LoadedConfig loaded, Path out, String version) throws IOException {
    this.loaded = loaded;
    this.out = Files.createDirectories(out);
    this.version = version;
    RobotConfig c = loaded.config();
    this.decimation = Math.max(1, (int) Math.round(c.loop().rateHz() / c.telemetry().rateHz()));
    RecordingLayout full = RecordingLayout.of(c, List.of(), 0);
    this.layout = new RecordingLayout(List.of(), full.stateNames(), full.stateUnits(), full.wrapped(),
        full.actionNames(), full.actionUnits(), 0, c.loop().periodNs() * decimation);
  }

  /**
   * Takes one message from {@code foresight/<robot-id>/telemetry} or {@code .../telemetry/batch}; anything
   * else is ignored.
   *
   * @return whether a tick was written
   */
  synchronized boolean accept(String topic, byte[] payload) throws IOException {
    String[] parts = topic.split("/");
    boolean batched = parts.length == 4 && parts[3].equals("batch");
    if ((parts.length != 3 && !batched) || !parts[0].equals("foresight") || !parts[2].equals("telemetry")) {
      return false;
    }
    String id = parts[1];
    if (!ID.matcher(id).matches()) {
      unreadable++;
      return false;
    }
    JsonNode o;
    try {
      o = json.readTree(payload);
    } catch (JacksonException e) {
      unreadable++;
      return false;
    }
    if (batched) {
      JsonNode samples = o == null ? null : o.get("samples");
      if (samples == null || !samples.isArray()) {
        unreadable++;
        return false;
      }
      boolean any = false;
      for (JsonNode sample : samples) any |= sample(id, sample);
      return any;
    }
    return sample(id, o);
  }

  /** One sample of robot {@code id}, from {@code telemetry} or a {@code telemetry/batch}. */
  private boolean sample(String id, JsonNode o) throws IOException {
    if (o == null || !o.isObject() || !o.path("tick").isNumber() || !o.path("ts").isNumber()) {
      unreadable++;
      return false;
    }
    for (String name : layout.stateNames()) if (!o.has(name)) return mismatch();
    for (String name : layout.actionNames()) if (!o.has(name)) return mismatch();
    if (closed) return false;
    Robot r = robots.get(id);
    if (r == null) {
      r = open(id);
      robots.put(id, r);
    }
    long tick = o.path("tick").asLong() / decimation;
    if (tick <= r.lastTick) {
      r.outOfOrder++;   // a late or repeated sample: the recording's ticks only go forward
      return false;
    }
    TickFrame f = r.frame;
    f.tick = tick;
    f.epochMs = o.path("ts").asLong();
    f.nowNs = f.epochMs * 1_000_000L;
    List<String> s = layout.stateNames();
    for (int i = 0; i < s.size(); i++) f.state[i] = number(o, s.get(i));
    List<String> a = layout.actionNames();
    for (int i = 0; i < a.size(); i++) {
      f.applied[i] = number(o, a.get(i));
      f.action[i] = f.applied[i];
    }
    f.cost = number(o, "cost");
    f.mode = mode(o.path("mode").asString(""));
    f.controllerPhase = o.path("phase").asString("");
    r.recorder.tick(f);
    r.lastTick = tick;
    r.samples++;
    return true;
  }

  private boolean mismatch() {
    mismatched++;
    return false;
  }

  private Robot open(String id) throws IOException {
    Path file = out.resolve(id + ".mcap");
    for (int n = 2; Files.exists(file); n++) file = out.resolve(id + "-" + n + ".mcap");
    Map<String, String> run = new LinkedHashMap<>(RunMetadata.of(loaded, Optional.empty(), version, Instant.now()));
    run.put("robot", id);
    run.put("source", "foresight fleet record (telemetry)");
    run.put("rate_hz", Double.toString(1e9 / layout.periodNs()));
    run.put("dt_s", Double.toString(layout.periodNs() * 1e-9));
    RecordingConfig rc = loaded.config().recording();
    Recorder recorder = Recorder.create(file, layout, run, null, 0, Recorder.writerOptions(rc));
    return new Robot(file, recorder, new TickFrame(0, layout.stateNames().size(), layout.actionNames().size(), 0));
  }

  private static double number(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
  }

  private static Mode mode(String id) {
    for (Mode m : Mode.values()) if (m.id().equals(id)) return m;
    return Mode.DISARMED;
  }

  /** What was written: per robot its file and sample count. */
  synchronized Map<String, Long> samples() {
    Map<String, Long> m = new TreeMap<>();
    robots.forEach((id, r) -> m.put(id, r.samples));
    return m;
  }

  /** Per robot its recording. */
  synchronized Map<String, Path> files() {
    Map<String, Path> m = new TreeMap<>();
    robots.forEach((id, r) -> m.put(id, r.file));
    return m;
  }

  /** Samples without the config's variables (robots of another kind). */
  synchronized long mismatched() {
    return mismatched;
  }

  /** Messages that were not telemetry JSON. */
  synchronized long unreadable() {
    return unreadable;
  }

  /** Samples older than one already written for that robot. */
  synchronized long outOfOrder() {
    return robots.values().stream().mapToLong(r -> r.outOfOrder).sum();
  }

  /** Flushes every open recording to disk (a complete chunk), e.g. every few seconds. */
  synchronized void flush() throws IOException {
    for (Robot r : robots.values()) r.recorder.flush();
  }

  /** Closes every recording (summary and footer written); idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    IOException first = null;
    for (Robot r : robots.values()) {
      try {
        r.recorder.close(0, 0, "fleet record stopped");
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }
}
