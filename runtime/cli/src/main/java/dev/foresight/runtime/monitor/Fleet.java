package dev.foresight.runtime.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator's monitor knows about each robot, built from the messages it receives on
 * {@code foresight/+/status|telemetry|telemetry/batch|metrics|events}. Tolerant: a message it cannot read is
 * ignored, a field a robot does not publish stays unknown (NaN or empty). Thread-safe: the MQTT
 * callback thread updates it, the screen thread reads {@link #robots()}.
 */
public final class Fleet {

  /** Events kept per robot. */
  static final int EVENTS = 5;
  /** Robots tracked at most: anyone who may publish under foresight/ could otherwise grow the map without end. */
  static final int MAX_ROBOTS = 1024;
  /** Longest text kept from a message (ids, modes, event causes, reasons). */
  static final int MAX_TEXT = 200;

  /** One robot as last heard of. Fields are NaN / empty when never published. */
  public static final class Robot {
    final String id;
    String state = "unknown";
    String mode = "";
    String controller = "";
    double rateHz = Double.NaN;
    double jitterP99Us = Double.NaN;
    double cost = Double.NaN;
    double modelError = Double.NaN;
    double trust = Double.NaN;
    double batteryV = Double.NaN;
    long telemetryDropped;
    long lastTelemetryMs;
    final Deque<String> events = new ArrayDeque<>();
    String ack = "";

    Robot(String id) {
      this.id = id;
    }

    Robot copy() {
      Robot r = new Robot(id);
      r.state = state;
      r.mode = mode;
      r.controller = controller;
      r.rateHz = rateHz;
      r.jitterP99Us = jitterP99Us;
      r.cost = cost;
      r.modelError = modelError;
      r.trust = trust;
      r.batteryV = batteryV;
      r.telemetryDropped = telemetryDropped;
      r.lastTelemetryMs = lastTelemetryMs;
      r.events.addAll(events);
      r.ack = ack;
      return r;
    }

    /** The robot id. */
    public String id() {
      return id;
    }

    /** {@code online}, {@code offline} or {@code unknown}. */
    public String state() {
      return state;
    }

    /** Supervisor mode, e.g. {@code armed}. */
    public String mode() {
      return mode;
    }

    /** Loop rate, Hz (NaN when unknown). */
    public double rateHz() {
      return rateHz;
    }

    /** 99th percentile of the loop's start jitter over the last second, microseconds. */
    public double jitterP99Us() {
      return jitterP99Us;
    }

    /** Latest per-tick cost. */
    public double cost() {
      return cost;
    }

    /** Latest world-model prediction error, when the robot publishes one. */
    public double modelError() {
      return modelError;
    }

    /**
     * The trust monitor's largest statistic over the robot's last metrics window (1.0 is its alarm
     * line), when its world model is calibrated.
     */
    public double trust() {
      return trust;
    }

    /** Battery voltage, when the robot publishes one. */
    public double batteryV() {
      return batteryV;
    }

    /** Latest events, newest last. */
    public List<String> events() {
      return List.copyOf(events);
    }

    /** The last command acknowledgement, in words. */
    public String ack() {
      return ack;
    }
  }

  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Robot> robots = new TreeMap<>();

  /** Takes in one message; returns whether it was understood. */
  public synchronized boolean accept(String topic, byte[] payload) {
    String[] parts = topic.split("/", 4);
    if (parts.length < 3 || !parts[0].equals("foresight")) return false;
    JsonNode o;
    try {
      o = json.readTree(payload);
    } catch (JacksonException e) {
      return false;
    }
    if (o == null || !o.isObject()) return false;
    String id = printable(parts[1]);
    if (!robots.containsKey(id) && robots.size() >= MAX_ROBOTS) return false;
    Robot r = robots.computeIfAbsent(id, Robot::new);
    switch (parts[2]) {
      case "status" -> {
        r.state = text(o, "state", r.state);
        r.mode = text(o, "mode", r.mode);
        r.controller = text(o, "controller", r.controller);
      }
      case "telemetry" -> {
        if (parts.length == 4) {
          // telemetry/batch: many samples in one message; the newest is the robot's state now
          if (!parts[3].equals("batch")) return false;
          JsonNode samples = o.get("samples");
          if (samples == null || !samples.isArray() || samples.isEmpty() || !samples.get(samples.size() - 1).isObject()) {
            return false;
          }
          o = samples.get(samples.size() - 1);
        }
        heard(r);
        r.cost = number(o, "cost", r.cost);
        r.mode = text(o, "mode", r.mode);
        r.modelError = number(o, "model_error", r.modelError);
        r.batteryV = number(o, "battery_v", r.batteryV);
        r.lastTelemetryMs = o.path("ts").asLong(r.lastTelemetryMs);
      }
      case "metrics" -> {
        heard(r);
        r.rateHz = number(o, "rate_hz", r.rateHz);
        r.jitterP99Us = number(o, "jitter_p99_us", r.jitterP99Us);
        r.modelError = number(o, "model_error", r.modelError);
        r.trust = number(o, "trust", r.trust);
        r.batteryV = number(o, "battery_v", r.batteryV);
        r.telemetryDropped = o.path("telemetry_dropped").asLong(r.telemetryDropped);
      }
      case "events" -> {
        r.mode = text(o, "mode", r.mode);
        r.events.addLast(text(o, "severity", "?") + ": " + text(o, "cause", ""));
        while (r.events.size() > EVENTS) r.events.removeFirst();
      }
      case "cmd" -> {
        if (parts.length < 4 || !parts[3].startsWith("ack")) return false;
        // Each part is already printable; the whole is cut again so five long fields stay one short line.
        r.ack = printable(text(o, "command", "?") + " " + text(o, "id", "?") + ": " + text(o, "status", "?")
            + (o.has("reason") ? " (" + text(o, "reason", "") + ")" : "") + ", mode " + text(o, "mode", "?"));
        r.mode = text(o, "mode", r.mode);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * A robot that publishes telemetry or metrics is online even when its retained {@code status} never
   * reached us: a clustered broker (Artemis, RabbitMQ) keeps retained messages on the node they were
   * published to, so a monitor on another node hears the birth only if it was subscribed at the time
   * (docs/fleet.md). A status heard later wins, so a will's {@code offline} still shows.
   */
  private static void heard(Robot r) {
    if (r.state.equals("unknown")) r.state = "online";
  }

  /** A consistent copy of every robot heard of, by id. */
  public synchronized List<Robot> robots() {
    List<Robot> copy = new ArrayList<>();
    for (Robot r : robots.values()) copy.add(r.copy());
    return copy;
  }

  private static String text(JsonNode o, String field, String otherwise) {
    JsonNode n = o.get(field);
    return n != null && n.isString() ? printable(n.stringValue()) : otherwise;
  }

  /**
   * Text from the network made safe to draw: control characters (an ESC starts a terminal escape
   * sequence that could rewrite the operator's screen) and bidirectional overrides (which make a
   * line read other than it is) become '?', and it is cut at {@link #MAX_TEXT} characters (never
   * inside a surrogate pair).
   */
  static String printable(String s) {
    int n = Math.min(s.length(), MAX_TEXT);
    if (n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) n--;
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
      if (control && out == null) out = new StringBuilder(n).append(s, 0, i);
      if (out != null) out.append(control ? '?' : c);
    }
    String kept = out != null ? out.toString() : s.substring(0, n);
    return s.length() > MAX_TEXT ? kept + "..." : kept;
  }

  private static double number(JsonNode o, String field, double otherwise) {
    JsonNode n = o.get(field);
    return n != null && n.isNumber() ? n.doubleValue() : otherwise;
  }
}
