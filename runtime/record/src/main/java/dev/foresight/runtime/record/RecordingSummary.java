package dev.foresight.runtime.record;

import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.mcap.McapReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a recording holds, per channel: counts, time span, rate and gaps, plus the run metadata and
 * whether the file is complete. Built by one linear read, so it works on files cut short.
 *
 * @param file      the recording
 * @param bytes     file size
 * @param complete  closed cleanly (data end, summary, footer)
 * @param damage    where and why reading stopped early, if it did
 * @param metadata  metadata records by name (e.g. {@code run}: robot, config hash, seed, model)
 * @param channels  per-channel statistics, in channel id order
 * @param startNs   earliest message log time
 * @param endNs     latest message log time
 */
public record RecordingSummary(Path file, long bytes, boolean complete, Optional<String> damage,
    Map<String, Map<String, String>> metadata, List<ChannelSummary> channels, long startNs, long endNs) {

  /**
   * One channel's statistics.
   *
   * @param topic       channel topic
   * @param encoding    message encoding
   * @param schema      schema name, or empty
   * @param messages    message count
   * @param rateHz      the channel's nominal rate: 1 / median interval (gaps do not lower it)
   * @param gaps        intervals longer than 1.5 times the channel's median interval
   * @param maxGapMs    longest interval between consecutive messages
   */
  public record ChannelSummary(String topic, String encoding, String schema, long messages, double rateHz,
      long gaps, double maxGapMs) {}

  /** Seconds between the first and the last message. */
  public double durationS() {
    return endNs > startNs ? (endNs - startNs) * 1e-9 : 0.0;
  }

  /** Reads {@code file} once and summarizes it. */
  public static RecordingSummary of(Path file) throws IOException, McapException {
    Map<Integer, long[]> times = new LinkedHashMap<>();
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
    McapReader.Scan scan = McapReader.read(file, m -> {
      int id = m.channel().id();
      long[] t = times.computeIfAbsent(id, k -> new long[1024]);
      int n = counts.getOrDefault(id, 0);
      if (n == t.length) {
        t = Arrays.copyOf(t, n * 2);
        times.put(id, t);
      }
      t[n] = m.logTimeNs();
      counts.put(id, n + 1);
      span[0] = Math.min(span[0], m.logTimeNs());
      span[1] = Math.max(span[1], m.logTimeNs());
    });
    List<ChannelSummary> channels = new ArrayList<>();
    for (McapReader.Channel c : scan.channels().values().stream()
        .sorted(java.util.Comparator.comparingInt(McapReader.Channel::id)).toList()) {
      int n = counts.getOrDefault(c.id(), 0);
      long[] t = Arrays.copyOf(times.getOrDefault(c.id(), new long[0]), n);
      McapReader.Schema schema = scan.schemas().get(c.schemaId());
      channels.add(channel(c, schema != null ? schema.name() : "", t));
    }
    boolean any = span[0] != Long.MAX_VALUE;
    return new RecordingSummary(file, Files.size(file), scan.complete(), scan.damage(), scan.metadata(), channels,
        any ? span[0] : 0, any ? span[1] : 0);
  }

  private static ChannelSummary channel(McapReader.Channel c, String schema, long[] t) {
    if (t.length < 2) return new ChannelSummary(c.topic(), c.messageEncoding(), schema, t.length, 0, 0, 0);
    long[] intervals = new long[t.length - 1];
    for (int i = 1; i < t.length; i++) intervals[i - 1] = t[i] - t[i - 1];
    long[] sorted = intervals.clone();
    Arrays.sort(sorted);
    long median = sorted[sorted.length / 2];
    long gaps = Arrays.stream(intervals).filter(d -> d > 1.5 * median).count();
    double rate = median > 0 ? 1e9 / median : 0;
    return new ChannelSummary(c.topic(), c.messageEncoding(), schema, t.length, rate, gaps,
        sorted[sorted.length - 1] * 1e-6);
  }
}
