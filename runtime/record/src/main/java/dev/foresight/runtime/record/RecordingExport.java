package dev.foresight.runtime.record;

import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.mcap.McapReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a recording's JSON channels to CSV, one file per topic ({@code /state} ->
 * {@code state.csv}), with a {@code log_time_s} column and one column per JSON field: nested
 * objects become {@code a.b}, arrays {@code a[0]}. Two linear passes (columns, then rows), so
 * memory stays flat for long recordings.
 */
public final class RecordingExport {

  /** What was written: files and rows per topic, and messages that were not JSON objects. */
  public record Result(Map<String, Path> files, Map<String, Long> rows, long skipped, java.util.Optional<String> damage) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RecordingExport() {}

  /** Writes CSV files for every JSON channel of {@code recording} into {@code dir} (created if missing). */
  public static Result toCsv(Path recording, Path dir) throws IOException, McapException {
    Map<String, Set<String>> columns = new LinkedHashMap<>();
    long[] skipped = {0};
    McapReader.read(recording, m -> {
      JsonNode node = parse(m);
      if (node == null) {
        skipped[0]++;
        return;
      }
      Map<String, String> flat = new LinkedHashMap<>();
      flatten("", node, flat);
      columns.computeIfAbsent(m.channel().topic(), k -> new LinkedHashSet<>()).addAll(flat.keySet());
    });
    Files.createDirectories(dir);
    Map<String, Writer> writers = new LinkedHashMap<>();
    Map<String, List<String>> order = new LinkedHashMap<>();
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Set<String>> e : columns.entrySet()) {
        Path file = dir.resolve(fileName(e.getKey()));
        Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        writers.put(e.getKey(), w);
        order.put(e.getKey(), new ArrayList<>(e.getValue()));
        files.put(e.getKey(), file);
        rows.put(e.getKey(), 0L);
        w.write("log_time_s");
        for (String column : e.getValue()) w.write("," + csv(column));
        w.write("\n");
      }
      McapReader.Scan scan = McapReader.read(recording, m -> {
        Writer w = writers.get(m.channel().topic());
        JsonNode node = w != null ? parse(m) : null;
        if (node == null) return;
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", node, flat);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.9f", m.logTimeNs() * 1e-9));
        for (String column : order.get(m.channel().topic())) {
          line.append(',');
          String value = flat.get(column);
          if (value != null) line.append(value);
        }
        w.write(line.append('\n').toString());
        rows.merge(m.channel().topic(), 1L, Long::sum);
      });
      return new Result(files, rows, skipped[0], scan.damage());
    } finally {
      for (Writer w : writers.values()) w.close();
    }
  }

  private static JsonNode parse(McapReader.Message m) {
    if (!m.channel().messageEncoding().equals("json")) return null;
    try {
      JsonNode node = JSON.readTree(m.data());
      return node.isObject() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) flatten(prefix + "[" + i + "]", node.get(i), out);
    } else if (node.isNumber()) {
      out.put(prefix, node.asString());
    } else if (node.isBoolean()) {
      out.put(prefix, node.asBoolean() ? "1" : "0");
    } else if (!node.isNull()) {
      out.put(prefix, csv(node.asString()));
    }
  }

  /** {@code /robot/state} -> {@code robot_state.csv}. */
  static String fileName(String topic) {
    String name = topic.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9._-]+", "_");
    return (name.isEmpty() ? "topic" : name) + ".csv";
  }

  private static String csv(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) return value;
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
