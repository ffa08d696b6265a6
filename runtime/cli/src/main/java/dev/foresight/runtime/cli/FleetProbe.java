package dev.foresight.runtime.cli;

import dev.foresight.runtime.link.MqttTransport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code bench fleet}'s consumers and commander hear: per robot the telemetry ticks seen (a tick
 * seen twice is a duplicate), the latency of each sample and the round trip of each command, inside
 * the measured window. Thread-safe: several client callback threads feed it.
 */
final class FleetProbe {

  static final String COMMANDER = "fleet-bench-commander";
  static final String PREFIX = "fleet-";

  /**
   * The numbers of a run.
   *
   * @param sent   telemetry samples the robots published
   * @param unique distinct samples the consumers received
   */
  record Result(long sent, long unique, long duplicates, double deliveredFraction, double messagesPerS, double bytesPerS,
      double latencyP50Ms, double latencyP99Ms, long commandsSent, long acks, double rttP50Ms, double rttP99Ms) {}

  private final JsonMapper json = JsonMapper.builder().build();
  private final BitSet[] ticks;
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
  private long duplicates;
  private long unique;
  private long windowMessages;
  private long windowBytes;
  private boolean measuring;
  private int[] latencyMs = new int[1 << 16];
  private int latencies;
  private int[] rttUs = new int[1 << 12];
  private int rtts;
  private long acks;
  private long commandsSent;

  FleetProbe(int robots) {
    ticks = new BitSet[robots];
    for (int i = 0; i < robots; i++) ticks[i] = new BitSet();
  }

  static String robotId(int i) {
    return PREFIX + i;
  }

  /** Starts or ends the measured window (latencies and message rate count only inside it). */
  synchronized void measure(boolean on) {
    measuring = on;
  }

  /** A command is about to be sent. */
  synchronized void commandSent(String id, long nowNs) {
    pending.put(id, nowNs);
    commandsSent++;
  }

  /** One message from the broker, received at {@code epochMs} / {@code nowNs}. */
  void accept(MqttTransport.Message m, long epochMs, long nowNs) {
    String topic = m.topic();
    int slash = topic.indexOf('/', "foresight/".length());
    if (!topic.startsWith("foresight/" + PREFIX) || slash < 0) return;
    int robot;
    try {
      robot = Integer.parseInt(topic.substring("foresight/".length() + PREFIX.length(), slash));
    } catch (NumberFormatException e) {
      return;
    }
    if (robot < 0 || robot >= ticks.length) return;
    JsonNode o;
    try {
      o = json.readTree(m.payload());
    } catch (JacksonException e) {
      return;
    }
    String leaf = topic.substring(slash + 1);
    synchronized (this) {
      if (measuring && (leaf.startsWith("telemetry") || leaf.equals("metrics"))) windowBytes += m.payload().length;
      if (leaf.equals("telemetry")) {
        if (measuring) windowMessages++;
        sample(robot, o, epochMs);
      } else if (leaf.equals("telemetry/batch")) {
        if (measuring) windowMessages++;
        for (JsonNode s : o.path("samples")) sample(robot, s, epochMs);
      } else if (leaf.equals("metrics")) {
        if (measuring) windowMessages++;
      } else if (leaf.startsWith("cmd/ack/")) {
        String id = m.correlationData().map(c -> new String(c, StandardCharsets.UTF_8)).orElse("");
        Long sentNs = pending.remove(id);
        if (sentNs == null) return;
        acks++;
        if (rtts == rttUs.length) rttUs = Arrays.copyOf(rttUs, rtts * 2);
        rttUs[rtts++] = (int) Math.min(Integer.MAX_VALUE, (nowNs - sentNs) / 1_000);
      }
    }
  }

  /** One sample: a duplicate if its tick was seen; its latency (a batched sample waits for its batch). */
  private void sample(int robot, JsonNode o, long epochMs) {
    int tick = (int) o.path("tick").asLong(-1);
    if (tick < 0) return;
    if (ticks[robot].get(tick)) {
      duplicates++;
    } else {
      ticks[robot].set(tick);
      unique++;
    }
    if (measuring) {
      if (latencies == latencyMs.length) latencyMs = Arrays.copyOf(latencyMs, latencies * 2);
      latencyMs[latencies++] = (int) Math.max(0, epochMs - o.path("ts").asLong(epochMs));
    }
  }

  synchronized long uniqueTelemetry() {
    return unique;
  }

  synchronized long acks() {
    return acks;
  }

  synchronized long commandsSent() {
    return commandsSent;
  }

  /** The run's numbers, {@code sent} being what the robots' links published. */
  synchronized Result result(long sent, double windowS) {
    int[] l = Arrays.copyOf(latencyMs, latencies);
    int[] r = Arrays.copyOf(rttUs, rtts);
    Arrays.sort(l);
    Arrays.sort(r);
    return new Result(sent, unique, duplicates, sent == 0 ? Double.NaN : (double) unique / sent,
        windowMessages / windowS, windowBytes / windowS, quantile(l, 0.5), quantile(l, 0.99), commandsSent, acks,
        quantile(r, 0.5) / 1000.0, quantile(r, 0.99) / 1000.0);
  }

  /** The nearest-rank quantile of sorted values, NaN when there are none. */
  static double quantile(int[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    int rank = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }
}
