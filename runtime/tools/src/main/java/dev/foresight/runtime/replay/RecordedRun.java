package dev.foresight.runtime.replay;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.loop.Adjustments;
import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.record.Recorder;
import dev.foresight.runtime.record.RunMetadata;
import dev.foresight.runtime.safety.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a recording holds for a replay, tick by tick: the loop clock reading, the raw sensor values
 * and their status, the state estimate and the applied action (to compare against), the actuators'
 * status, the mode at the start of the tick, the planner's iterations and lateness, and the
 * setpoint and parameter changes operators made. Ticks are read up to the first damage (a cut
 * file) or the first missing tick (a recorder drop), whichever comes first; {@link #stoppedAt} says
 * which.
 *
 * <pre>{@code
 * RecordedRun run = RecordedRun.read(Path.of("recordings/pendulum-learned-20261203-081500.mcap"));
 * LoadedConfig config = run.config();   // the config the run was made with, from the file
 * }</pre>
 *
 * @param file          the recording
 * @param run           its {@code run} metadata
 * @param config        the config stored in it
 * @param rawNames      raw channels in the order of {@code raw}
 * @param stateNames    state variables
 * @param actionNames   action variables
 * @param ticks         tick numbers, consecutive
 * @param nowNs         loop clock reading of each tick
 * @param raw           ticks x raw channels (NaN where a read failed)
 * @param rawStatus     ticks x raw channels, {@link Status} codes
 * @param state         ticks x state variables, as estimated in the run
 * @param applied       ticks x actions, as the supervisor sent them
 * @param actStatus     ticks x actions, each actuator's status after the write
 * @param modeAtStart   mode at each tick's start
 * @param iterations    planner iterations per tick (0 without a planner)
 * @param late          whether each tick's plan phase was late
 * @param changes       setpoint and parameter changes by tick number
 * @param stoppedAt     why the ticks end before the file does (damage, a drop), if they do
 */
public record RecordedRun(Path file, Map<String, String> run, LoadedConfig config, List<String> rawNames,
    List<String> stateNames, List<String> actionNames, long[] ticks, long[] nowNs, double[] raw, byte[] rawStatus,
    double[] state, double[] applied, byte[] actStatus, Mode[] modeAtStart, int[] iterations, boolean[] late,
    Map<Long, List<Change>> changes, Optional<String> stoppedAt) {

  /** A setpoint ({@link Adjustments#SETPOINT}) or parameter change at the start of a tick. */
  public record Change(byte kind, int index, double value) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Ticks read. */
  public int size() {
    return ticks.length;
  }

  /** Seconds of loop time the ticks span (one period per tick). */
  public double seconds() {
    return size() * periodNs() * 1e-9;
  }

  /** The loop period the run was recorded at. */
  public long periodNs() {
    return config.config().loop().periodNs();
  }

  /**
   * Reads {@code file}.
   *
   * @throws ReplayException (one line) for a file that is not MCAP, not a Foresight recording, or was
   *                         recorded without what a replay needs
   */
  public static RecordedRun read(Path file) throws IOException {
    Reader r = new Reader();
    McapReader.Scan scan;
    try {
      scan = McapReader.read(file, r::message);
    } catch (McapException e) {
      throw new ReplayException(file + ": " + e.getMessage());
    }
    Map<String, String> run = scan.metadata().get(Recorder.RUN_METADATA);
    List<String> topics = scan.channels().values().stream().map(McapReader.Channel::topic).toList();
    for (String needed : List.of(Recorder.RAW, Recorder.STATE, Recorder.APPLIED, Recorder.MODE)) {
      if (!topics.contains(needed)) {
        throw new ReplayException(file + ": not a Foresight recording: it has no " + needed + " channel");
      }
    }
    if (run == null || !run.containsKey("config_yaml")) {
      throw new ReplayException(file + ": not a Foresight recording: it has no run metadata record with the config");
    }
    if (!run.containsKey(RunMetadata.CLOCK_EPOCH_NS_AT_ZERO) || r.modeAtStartMissing) {
      throw new ReplayException(file + ": recorded without the replay channels (" + (r.modeAtStartMissing
          ? "/mode has no mode_at_start" : "the run metadata has no " + RunMetadata.CLOCK_EPOCH_NS_AT_ZERO)
          + "); record it again with this version of Foresight (foresight run --record)");
    }
    LoadedConfig config = config(file, run);
    RobotConfig c = config.config();
    boolean planner = c.controller() instanceof SampledPlannerConfig;
    if (planner && (!topics.contains(Recorder.PLAN) || r.iterationsMissing)) {
      throw new ReplayException(file + ": recorded without the replay channels (" + (topics.contains(Recorder.PLAN)
          ? "/plan has no iterations" : "no /plan channel for its " + c.controller().type() + " planner")
          + "); record it again with this version of Foresight (foresight run --record)");
    }
    if (!r.rawNames.isEmpty() && !c.stateNames().equals(r.stateNames)) {
      throw new ReplayException(file + ": its /state channel names " + r.stateNames + " but its stored config names "
          + c.stateNames());
    }
    long epochNsAtZero = Long.parseLong(run.get(RunMetadata.CLOCK_EPOCH_NS_AT_ZERO));
    return r.finish(file, run, config, epochNsAtZero, planner, scan.damage());
  }

  private static LoadedConfig config(Path file, Map<String, String> run) {
    Path where = Path.of(run.getOrDefault("config_file", file.toString()));
    try {
      RobotConfig c = ConfigLoader.parse(run.get("config_yaml"), where);
      return new LoadedConfig(where.toAbsolutePath().normalize(), c, run.getOrDefault("config_sha256", ""));
    } catch (ConfigException e) {
      throw new ReplayException(file + ": the config stored in the recording no longer loads ("
          + e.problems().getFirst().format() + "); give the config to replay with: --config FILE");
    }
  }

  /** One tick being gathered from its messages. */
  private static final class Tick {
    long tick;
    long logTimeNs;
    double[] raw;
    byte[] rawStatus;
    double[] state;
    double[] applied;
    byte[] actStatus;
    Mode modeAtStart;
    int iterations;
    boolean late;
  }

  /** Gathers messages into ticks, in file order. */
  private static final class Reader {
    final List<String> rawNames = new ArrayList<>();
    final List<String> stateNames = new ArrayList<>();
    final List<String> actionNames = new ArrayList<>();
    final Map<Long, Tick> open = new HashMap<>();
    final List<Tick> done = new ArrayList<>();
    final Map<Long, List<Change>> changes = new HashMap<>();
    boolean modeAtStartMissing;
    boolean iterationsMissing;
    boolean sawPlan;

    void message(McapReader.Message m) throws IOException {
      String topic = m.channel().topic();
      switch (topic) {
        case Recorder.RAW, Recorder.STATE, Recorder.APPLIED, Recorder.PLAN, Recorder.MODE, Recorder.COMMAND -> { }
        default -> {
          return;
        }
      }
      JsonNode j;
      try {
        j = JSON.readTree(m.data());
      } catch (JacksonException e) {
        throw new ReplayException(topic + ": a message is not JSON (" + e.getOriginalMessage() + ")");
      }
      long tick = j.path("tick").asLong(-1);
      if (tick < 0) return;
      switch (topic) {
        case Recorder.RAW -> {
          Tick t = open.computeIfAbsent(tick, k -> new Tick());
          t.tick = tick;
          t.logTimeNs = m.logTimeNs();
          JsonNode ch = j.path("channels");
          if (rawNames.isEmpty()) for (JsonNode c : ch) rawNames.add(c.path("name").asString());
          t.raw = new double[ch.size()];
          t.rawStatus = new byte[ch.size()];
          for (int i = 0; i < ch.size(); i++) {
            t.raw[i] = number(ch.get(i).get("value"));
            t.rawStatus[i] = status(ch.get(i).path("status").asString());
          }
        }
        case Recorder.STATE -> {
          if (stateNames.isEmpty()) names(j, stateNames);
          Tick t = open.get(tick);
          if (t != null) t.state = values(j, stateNames);
        }
        case Recorder.APPLIED -> {
          if (actionNames.isEmpty()) {
            names(j, actionNames);
            actionNames.remove("fallback");
            actionNames.remove("status");
          }
          Tick t = open.get(tick);
          if (t == null) return;
          t.applied = values(j, actionNames);
          t.actStatus = new byte[actionNames.size()];
          JsonNode st = j.path("status");
          for (int i = 0; i < st.size() && i < t.actStatus.length; i++) t.actStatus[i] = status(st.get(i).asString());
        }
        case Recorder.PLAN -> {
          sawPlan = true;
          Tick t = open.get(tick);
          if (!j.has("iterations")) iterationsMissing = true;
          if (t == null) return;
          t.iterations = j.path("iterations").asInt(0);
          t.late = j.path("late").asBoolean(false);
        }
        case Recorder.COMMAND -> {
          List<Change> list = changes.computeIfAbsent(tick, k -> new ArrayList<>());
          for (JsonNode c : j.path("changes")) {
            byte kind = "setpoint".equals(c.path("kind").asString()) ? Adjustments.SETPOINT : Adjustments.PARAMETER;
            list.add(new Change(kind, c.path("index").asInt(), number(c.get("value"))));
          }
        }
        case Recorder.MODE -> {
          // The tick's last message that replay reads: the tick is complete.
          if (!j.has("mode_at_start")) {
            modeAtStartMissing = true;
            return;
          }
          Tick t = open.remove(tick);
          if (t == null || t.state == null || t.applied == null) return;
          t.modeAtStart = mode(j.path("mode_at_start").asString());
          done.add(t);
        }
        default -> { }
      }
    }

    RecordedRun finish(Path file, Map<String, String> run, LoadedConfig config, long epochNsAtZero, boolean planner,
        Optional<String> damage) {
      int n = 0;
      Optional<String> stopped = damage.map(d -> "the file is damaged or cut short: " + d);
      for (; n < done.size(); n++) {
        if (n > 0 && done.get(n).tick != done.get(n - 1).tick + 1) {
          stopped = Optional.of("tick " + (done.get(n - 1).tick + 1) + " is missing (dropped by the recorder); "
              + "a replay cannot cross the gap");
          break;
        }
      }
      if (n == 0) throw new ReplayException(file + ": no complete tick to replay" + stopped.map(s -> " (" + s + ")")
          .orElse(""));
      int rs = rawNames.size();
      int s = stateNames.size();
      int a = actionNames.size();
      long[] ticks = new long[n];
      long[] now = new long[n];
      double[] raw = new double[n * rs];
      byte[] rawStatus = new byte[n * rs];
      double[] state = new double[n * s];
      double[] applied = new double[n * a];
      byte[] actStatus = new byte[n * a];
      Mode[] modes = new Mode[n];
      int[] iterations = new int[n];
      boolean[] late = new boolean[n];
      for (int i = 0; i < n; i++) {
        Tick t = done.get(i);
        ticks[i] = t.tick;
        now[i] = t.logTimeNs - epochNsAtZero;
        System.arraycopy(t.raw, 0, raw, i * rs, rs);
        System.arraycopy(t.rawStatus, 0, rawStatus, i * rs, rs);
        System.arraycopy(t.state, 0, state, i * s, s);
        System.arraycopy(t.applied, 0, applied, i * a, a);
        System.arraycopy(t.actStatus, 0, actStatus, i * a, a);
        modes[i] = t.modeAtStart;
        iterations[i] = t.iterations;
        late[i] = t.late;
      }
      return new RecordedRun(file, Map.copyOf(run), config, List.copyOf(rawNames), List.copyOf(stateNames),
          List.copyOf(actionNames), ticks, now, raw, rawStatus, state, applied, actStatus, modes, iterations, late,
          Map.copyOf(changes), stopped);
    }

    private static void names(JsonNode j, List<String> into) {
      for (var e : j.properties()) if (!e.getKey().equals("tick")) into.add(e.getKey());
    }

    private static double[] values(JsonNode j, List<String> names) {
      double[] v = new double[names.size()];
      for (int i = 0; i < v.length; i++) v[i] = number(j.get(names.get(i)));
      return v;
    }

    private static double number(JsonNode n) {
      return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    private static byte status(String name) {
      return switch (name) {
        case "no_response" -> Status.NO_RESPONSE;
        case "invalid" -> Status.INVALID;
        case "stale" -> Status.STALE;
        default -> Status.OK;
      };
    }

    private static Mode mode(String id) {
      return Arrays.stream(Mode.values()).filter(m -> m.id().equals(id)).findFirst()
          .orElseThrow(() -> new ReplayException("/mode: unknown mode_at_start " + id));
    }
  }
}
