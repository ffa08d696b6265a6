package dev.foresight.runtime.record;

import dev.foresight.config.Angles;
import dev.foresight.config.FaultClass;
import dev.foresight.config.RecordingCompression;
import dev.foresight.config.RecordingConfig;
import dev.foresight.runtime.events.Event;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.loop.Adjustments;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.mcap.McapWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes ticks, events and episode boundaries into an MCAP file with JSON-schema channels that
 * Foxglove, Lichtblick and PlotJuggler open as they are (docs/recording.md lists them). Log times
 * are epoch nanoseconds: the loop clock's reading plus the offset given at creation.
 *
 * <p>Not thread-safe: one thread owns a recorder (the recorder thread of a {@link LiveRecording},
 * or the thread stepping a simulation in {@code foresight sim collect}).
 *
 * <pre>{@code
 * try (Recorder r = Recorder.create(file, layout, runMetadata, predictor, epochNsAtClockZero, options)) {
 *   queue.drain(r::tick, 256);
 * }
 * }</pre>
 */
public final class Recorder implements AutoCloseable {

  /** Topics, as they appear in the file. */
  public static final String RAW = "/raw";
  public static final String STATE = "/state";
  public static final String PLANNED = "/action/planned";
  public static final String APPLIED = "/action/applied";
  public static final String PLAN = "/plan";
  public static final String PREDICTION = "/prediction";
  public static final String MODE = "/mode";
  public static final String TIMING = "/timing";
  public static final String EVENTS = "/events";
  public static final String RECORDER = "/recorder";
  public static final String EPISODE = "/episode";
  public static final String COMMAND = "/command";

  /** The metadata record with the run's identity (config, seed, model, version). */
  public static final String RUN_METADATA = "run";
  /** The metadata record written on a clean close (ticks, drops). */
  public static final String END_METADATA = "recorder";

  private static final FaultClass[] FAULTS = FaultClass.values();

  private final McapWriter writer;
  private final RecordingLayout layout;
  private final boolean[] wrapped;
  private final long epochNsAtZero;
  private final JsonOut json = new JsonOut();
  private final int raw;
  private final int state;
  private final int planned;
  private final int applied;
  private final int plan;
  private final int prediction;
  private final int mode;
  private final int timing;
  private final int events;
  private final int recorder;
  private int episode;
  private int command;
  private long ticks;
  private long lastTick = -1;
  private long gaps;
  private long eventsWritten;
  private long lastTimeNs;

  private Recorder(McapWriter writer, RecordingLayout layout, PredictionSource predictor, long epochNsAtZero)
      throws IOException {
    this.writer = writer;
    this.layout = layout;
    this.wrapped = new boolean[layout.stateNames().size()];
    for (int i = 0; i < wrapped.length; i++) wrapped[i] = layout.wrappedNames().contains(layout.stateNames().get(i));
    this.epochNsAtZero = epochNsAtZero;
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("names", String.join(",", layout.stateNames()));
    vars.put("units", String.join(",", layout.stateUnits()));
    vars.put("wrap", String.join(",", layout.wrappedNames()));
    vars.put("period_ns", Long.toString(layout.periodNs()));
    Map<String, String> acts = new LinkedHashMap<>();
    acts.put("names", String.join(",", layout.actionNames()));
    acts.put("units", String.join(",", layout.actionUnits()));
    acts.put("period_ns", Long.toString(layout.periodNs()));

    raw = channel(RAW, "foresight.Raw", rawSchema(), Map.of("names", String.join(",", layout.rawNames())));
    state = channel(STATE, "foresight.State", variablesSchema("State estimate", layout.stateNames(),
        layout.stateUnits(), false), vars);
    planned = channel(PLANNED, "foresight.PlannedAction", variablesSchema("Action the controller or planner asked for "
        + "(the plan's first step)", layout.actionNames(), layout.actionUnits(), false), acts);
    applied = channel(APPLIED, "foresight.AppliedAction", variablesSchema("Action the safety supervisor sent to the "
        + "actuators", layout.actionNames(), layout.actionUnits(), true), acts);
    plan = layout.planHorizon() > 0 ? channel(PLAN, "foresight.Plan", planSchema(), acts) : 0;
    if (predictor != null) {
      Map<String, String> p = new LinkedHashMap<>(vars);
      p.put("model", predictor.model());
      p.put("members", Integer.toString(predictor.members()));
      prediction = channel(PREDICTION, "foresight.Prediction", predictionSchema(), p);
    } else {
      prediction = 0;
    }
    mode = channel(MODE, "foresight.Mode", modeSchema(), Map.of());
    timing = channel(TIMING, "foresight.Timing", timingSchema(), Map.of());
    events = channel(EVENTS, "foresight.Event", eventSchema(), Map.of());
    recorder = channel(RECORDER, "foresight.RecorderStatus", recorderSchema(), Map.of());
  }

  /** How a robot's {@code recording} section says files are written: 256 KiB chunks, its fsync and compression. */
  public static McapWriter.Options writerOptions(RecordingConfig config) {
    return new McapWriter.Options(256 * 1024, config.fsync(),
        config.compression() == RecordingCompression.ZSTD ? McapWriter.Compression.ZSTD : McapWriter.Compression.NONE);
  }

  /**
   * Creates {@code file} and writes the channels and the run's metadata.
   *
   * @param layout         what the ticks hold
   * @param run            the run's identity for the {@code run} metadata record
   * @param predictor      the world model the ticks' predictions come from (a {@code /prediction} channel is
   *                       written from each frame's prediction), or null
   * @param epochNsAtZero  epoch nanoseconds at loop clock time 0
   * @param options        chunk size, fsync and compression ({@link #writerOptions})
   */
  public static Recorder create(Path file, RecordingLayout layout, Map<String, String> run,
      PredictionSource predictor, long epochNsAtZero, McapWriter.Options options) throws IOException {
    McapWriter writer = McapWriter.create(file, run.getOrDefault("foresight_version", "foresight"), options);
    try {
      Recorder r = new Recorder(writer, layout, predictor, epochNsAtZero);
      writer.metadata(RUN_METADATA, run);
      return r;
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /** Records one tick on every tick channel. */
  public void tick(TickFrame f) throws IOException {
    long t = epochNsAtZero + f.nowNs;
    lastTimeNs = t;
    if (lastTick >= 0 && f.tick != lastTick + 1) gaps++;
    lastTick = f.tick;
    ticks++;

    json.clear().beginObject().field("tick").number(f.tick).field("channels").beginArray();
    for (int i = 0; i < f.raw.length; i++) {
      json.beginObject().field("name").text(layout.rawNames().get(i)).field("value").number(f.raw[i])
          .field("status").text(Status.name(f.rawStatus[i])).endObject();
    }
    write(raw, t, json.endArray().endObject());

    write(state, t, variables(f.tick, layout.stateNames(), f.state).endObject());
    write(planned, t, variables(f.tick, layout.actionNames(), f.action).endObject());
    variables(f.tick, layout.actionNames(), f.applied).field("fallback").bool(f.fallback).field("status").beginArray();
    for (byte b : f.actStatus) json.text(Status.name(b));
    write(applied, t, json.endArray().endObject());
    if (f.adjustments.size() > 0 || f.adjustments.overflow() > 0) writeCommands(f, t);

    if (plan != 0) {
      int a = layout.actionNames().size();
      json.clear().beginObject().field("tick").number(f.tick).field("age_ticks").number(f.planAgeTicks)
          .field("iterations").number(f.planIterations).field("late").bool(f.planLate).field("dt_s").number(layout.periodNs() * 1e-9).field("steps").beginArray();
      for (int k = 0; k < layout.planHorizon(); k++) {
        json.beginObject();
        for (int j = 0; j < a; j++) json.field(layout.actionNames().get(j)).number(f.plan[k * a + j]);
        json.endObject();
      }
      write(plan, t, json.endArray().endObject());
    }

    if (prediction != 0 && f.predictionValid) writePrediction(f, t);

    json.clear().beginObject().field("tick").number(f.tick).field("mode").text(f.mode.id())
        .field("mode_at_start").text(f.modeAtStart.id()).field("reaction").text(f.reaction.id()).field("fallback").bool(f.fallback).field("faults").beginArray();
    for (FaultClass c : FAULTS) if ((f.faults & (1 << c.ordinal())) != 0) json.text(c.id());
    json.endArray().field("controller_phase").text(f.controllerPhase).field("cost").number(f.cost)
        .field("model_version").number(f.modelVersion);
    write(mode, t, json.endObject());

    json.clear().beginObject().field("tick").number(f.tick).field("period_error_us").number(f.periodErrorNs / 1e3);
    long total = 0;
    for (Phase p : Phase.values()) {
      long ns = f.phaseNs[p.ordinal()];
      total += ns;
      json.field(p.id() + "_us").number(ns / 1e3);
    }
    write(timing, t, json.field("tick_us").number(total / 1e3).endObject());
  }

  /** The setpoint and parameter changes operator commands made at the start of this tick. */
  private void writeCommands(TickFrame f, long t) throws IOException {
    if (command == 0) command = channel(COMMAND, "foresight.Command", commandSchema(), Map.of());
    Adjustments a = f.adjustments;
    json.clear().beginObject().field("tick").number(f.tick).field("changes").beginArray();
    for (int n = 0; n < a.size(); n++) {
      boolean setpoint = a.kind(n) == Adjustments.SETPOINT;
      json.beginObject().field("kind").text(setpoint ? "setpoint" : "parameter").field("index").number(a.index(n));
      if (setpoint) json.field("name").text(layout.stateNames().get(a.index(n)));
      json.field("value").number(a.value(n)).endObject();
    }
    write(command, t, json.endArray().field("overflow").number(a.overflow()).endObject());
  }

  /** The prediction made at the previous tick for this one, next to what happened, and the monitor's verdict. */
  private void writePrediction(TickFrame f, long t) throws IOException {
    List<String> names = layout.stateNames();
    json.clear().beginObject().field("tick").number(f.tick).field("next").beginObject();
    for (int i = 0; i < names.size(); i++) json.field(names.get(i)).number(f.predicted[i]);
    json.endObject().field("spread").beginObject();
    for (int i = 0; i < names.size(); i++) json.field(names.get(i)).number(f.spread[i]);
    json.endObject().field("error").beginObject();
    for (int i = 0; i < names.size(); i++) {
      double e = f.state[i] - f.predicted[i];
      json.field(names.get(i)).number(wrapped[i] ? Angles.wrap(e) : e);
    }
    json.endObject().field("trust").number(f.trust).field("trust_channel").text(f.trustChannel)
        .field("trust_alarm").bool(f.trustAlarm);
    write(prediction, t, json.endObject());
  }

  /** Records a safety event at its own time. */
  public void event(Event e) throws IOException {
    long t = epochNsAtZero + e.timeNs();
    json.clear().beginObject().field("sequence").number(e.sequence()).field("severity").text(e.severity().id())
        .field("kind").text(e.kind().id()).field("cause").text(e.cause().id()).field("subject").text(e.subject())
        .field("response").text(e.response().id()).field("value").number(e.value()).field("limit").number(e.limit())
        .field("count").number(e.count()).field("detail").text(e.detail()).field("message").text(e.message())
        .endObject();
    write(events, t, json);
    eventsWritten++;
  }

  /**
   * Marks the start of an episode (simulated data collection): everything after it until the next
   * mark belongs to it, and no transition crosses it.
   *
   * @param timeNs       loop clock time of the episode's first tick
   * @param index        episode number in this file, from 0
   * @param seed         the seed the episode's plant was reset (and its parameters drawn) from
   * @param policy       what chose the actions
   * @param parameters   the plant's parameters in this episode (name to value)
   * @param initialState the plant's initial state (name to value)
   */
  public void episode(long timeNs, int index, long seed, String policy, Map<String, Double> parameters,
      Map<String, Double> initialState) throws IOException {
    long t = epochNsAtZero + timeNs;
    if (episode == 0) episode = channel(EPISODE, "foresight.Episode", episodeSchema(), Map.of());
    json.clear().beginObject().field("episode").number(index).field("seed").number(seed).field("policy").text(policy)
        .field("parameters").beginObject();
    for (Map.Entry<String, Double> e : parameters.entrySet()) json.field(e.getKey()).number(e.getValue());
    json.endObject().field("initial_state").beginObject();
    for (Map.Entry<String, Double> e : initialState.entrySet()) json.field(e.getKey()).number(e.getValue());
    write(episode, t, json.endObject().endObject());
    lastTick = -1;
  }

  /** Records the recorder's own counters (drops, queue), so a cut file still shows them. */
  public void status(long timeNs, long dropped, long queued, long eventsLost) throws IOException {
    long t = epochNsAtZero + timeNs;
    json.clear().beginObject().field("ticks_written").number(ticks).field("ticks_dropped").number(dropped)
        .field("queued").number(queued).field("tick_gaps").number(gaps).field("events_written").number(eventsWritten)
        .field("events_lost").number(eventsLost).endObject();
    write(recorder, t, json);
  }

  /** Writes out the chunk being gathered, so it survives a crash. */
  public void flush() throws IOException {
    writer.flushChunk();
  }

  /** Ticks written. */
  public long ticks() {
    return ticks;
  }

  /** Times the tick number jumped (ticks missing between two written ones, i.e. drops). */
  public long gaps() {
    return gaps;
  }

  /** Log time of the latest tick written, epoch ns (0 before the first). */
  public long lastTimeNs() {
    return lastTimeNs;
  }

  /** Closes the file with a clean summary and the {@code recorder} metadata record. */
  public void close(long dropped, long eventsLost, String reason) throws IOException {
    try {
      Map<String, String> end = new LinkedHashMap<>();
      end.put("ticks_written", Long.toString(ticks));
      end.put("ticks_dropped", Long.toString(dropped));
      end.put("tick_gaps", Long.toString(gaps));
      end.put("events_written", Long.toString(eventsWritten));
      end.put("events_lost", Long.toString(eventsLost));
      end.put("ended", reason);
      writer.metadata(END_METADATA, end);
    } finally {
      close();
    }
  }

  /** Closes the file (summary, footer) and the predictor. Idempotent. */
  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
    }
  }

  private JsonOut variables(long tick, List<String> names, double[] values) {
    json.clear().beginObject().field("tick").number(tick);
    for (int i = 0; i < names.size(); i++) json.field(names.get(i)).number(values[i]);
    return json;
  }

  private void write(int channel, long timeNs, JsonOut message) throws IOException {
    writer.message(channel, timeNs, timeNs, message.array(), 0, message.length());
  }

  private int channel(String topic, String schemaName, String schema, Map<String, String> metadata) throws IOException {
    int id = writer.schema(schemaName, "jsonschema", schema.getBytes(StandardCharsets.UTF_8));
    return writer.channel(topic, id, "json", metadata);
  }

  // JSON Schemas (draft 2020-12 subset Foxglove reads): numbers may be null where a value was NaN.

  private static final String NUMBER = "{\"type\":[\"number\",\"null\"]}";
  private static final String INTEGER = "{\"type\":\"integer\"}";
  private static final String STRING = "{\"type\":\"string\"}";
  private static final String BOOLEAN = "{\"type\":\"boolean\"}";
  private static final String STATUS = "{\"type\":\"string\",\"enum\":[\"ok\",\"no_response\",\"invalid\",\"stale\"]}";

  private static String object(String title, Map<String, String> properties) {
    StringBuilder b = new StringBuilder("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",");
    b.append("\"title\":").append(quote(title)).append(",\"type\":\"object\",\"properties\":{");
    b.append(properties(properties)).append("}}");
    return b.toString();
  }

  private static String properties(Map<String, String> properties) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (!b.isEmpty()) b.append(',');
      b.append(quote(e.getKey())).append(':').append(e.getValue());
    }
    return b.toString();
  }

  private static String quote(String s) {
    return new JsonOut().clear().text(s).toString();
  }

  private static String numberWithUnit(String unit) {
    return unit.isEmpty() ? NUMBER : "{\"type\":[\"number\",\"null\"],\"description\":" + quote(unit) + "}";
  }

  private static String variablesSchema(String title, List<String> names, List<String> units, boolean fallback) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tick", INTEGER);
    for (int i = 0; i < names.size(); i++) p.put(names.get(i), numberWithUnit(units.get(i)));
    if (fallback) {
      p.put("fallback", BOOLEAN);
      p.put("status", "{\"type\":\"array\",\"items\":" + STATUS + "}");
    }
    return object(title, p);
  }

  private String variablesObject(List<String> names) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String n : names) p.put(n, NUMBER);
    return "{\"type\":\"object\",\"properties\":{" + properties(p) + "}}";
  }

  private static String rawSchema() {
    String channel = "{\"type\":\"object\",\"properties\":{\"name\":" + STRING + ",\"value\":" + NUMBER
        + ",\"status\":{\"type\":\"string\",\"enum\":[\"ok\",\"no_response\",\"invalid\",\"stale\"]}}}";
    return object("Raw sensor values as read, with each channel's status",
        Map.of("tick", INTEGER, "channels", "{\"type\":\"array\",\"items\":" + channel + "}"));
  }

  private String planSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tick", INTEGER);
    p.put("age_ticks", INTEGER);
    p.put("iterations", INTEGER);
    p.put("late", BOOLEAN);
    p.put("dt_s", NUMBER);
    p.put("steps", "{\"type\":\"array\",\"items\":" + variablesObject(layout.actionNames()) + "}");
    return object("The plan in use: actions for the next steps, step 0 first; iterations: planner iterations "
        + "this tick (inline planning), late: whether the plan phase was late (what the supervisor was told)", p);
  }

  private String predictionSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tick", INTEGER);
    p.put("next", variablesObject(layout.stateNames()));
    p.put("spread", variablesObject(layout.stateNames()));
    p.put("error", variablesObject(layout.stateNames()));
    p.put("trust", NUMBER);
    p.put("trust_channel", STRING);
    p.put("trust_alarm", BOOLEAN);
    return object("The world model's prediction for this tick, made one tick earlier from the state and the "
        + "applied action; spread = ensemble standard deviation; error = state - prediction; trust = the trust "
        + "monitor's statistic over its threshold (1 is the alarm line; null when nothing judges the model), "
        + "trust_channel its largest channel, trust_alarm whether it alarmed on this tick", p);
  }

  private static final String MODE_ENUM = "{\"type\":\"string\",\"enum\":[\"disarmed\",\"armed\",\"safe_stop\",\"estop\"]}";

  private static String commandSchema() {
    String change = "{\"type\":\"object\",\"properties\":{\"kind\":{\"type\":\"string\",\"enum\":[\"setpoint\","
        + "\"parameter\"]},\"index\":" + INTEGER + ",\"name\":" + STRING + ",\"value\":" + NUMBER + "}}";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tick", INTEGER);
    p.put("changes", "{\"type\":\"array\",\"items\":" + change + "}");
    p.put("overflow", INTEGER);
    return object("Setpoint and parameter changes operator commands made at the start of this tick, in order "
        + "(overflow: changes beyond what a tick keeps)", p);
  }

  private static String modeSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tick", INTEGER);
    p.put("mode", MODE_ENUM);
    p.put("mode_at_start", MODE_ENUM);
    p.put("reaction", STRING);
    p.put("fallback", BOOLEAN);
    p.put("faults", "{\"type\":\"array\",\"items\":" + STRING + "}");
    p.put("controller_phase", STRING);
    p.put("cost", NUMBER);
    p.put("model_version", INTEGER);
    return object("Supervisor mode at the end and at the start of the tick (after the tick's operator commands), reaction, active faults, controller phase, plant cost, and the version of "
        + "the world model's online correction that predicted and planned this tick (0: the model alone)", p);
  }

  private static String timingSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tick", INTEGER);
    p.put("period_error_us", NUMBER);
    for (Phase phase : Phase.values()) p.put(phase.id() + "_us", NUMBER);
    p.put("tick_us", NUMBER);
    return object("How late the tick started and how long each phase took, microseconds", p);
  }

  private static String eventSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("sequence", INTEGER);
    p.put("severity", STRING);
    p.put("kind", STRING);
    p.put("cause", STRING);
    p.put("subject", STRING);
    p.put("response", STRING);
    p.put("value", NUMBER);
    p.put("limit", NUMBER);
    p.put("count", INTEGER);
    p.put("detail", STRING);
    p.put("message", STRING);
    return object("A safety event: what happened, why, about what, and what the runtime did", p);
  }

  private static String recorderSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    for (String k : List.of("ticks_written", "ticks_dropped", "queued", "tick_gaps", "events_written", "events_lost")) {
      p.put(k, INTEGER);
    }
    return object("The recorder's counters: ticks dropped because the recorder fell behind", p);
  }

  private static String episodeSchema() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("episode", INTEGER);
    p.put("seed", INTEGER);
    p.put("policy", STRING);
    p.put("parameters", "{\"type\":\"object\",\"additionalProperties\":" + NUMBER + "}");
    p.put("initial_state", "{\"type\":\"object\",\"additionalProperties\":" + NUMBER + "}");
    return object("Start of an episode (simulated collection): seed, policy, plant parameters, initial state", p);
  }
}
