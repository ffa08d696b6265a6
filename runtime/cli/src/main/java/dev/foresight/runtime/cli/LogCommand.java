package dev.foresight.runtime.cli;

import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.record.RecordingExport;
import dev.foresight.runtime.record.RecordingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight log ...}: read recordings (MCAP). */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Read recordings (MCAP files): summarize them, export them to CSV, draw them.",
    subcommands = {LogCommand.Info.class, LogCommand.Export.class})
public final class LogCommand {

  public static Path existing(Path file) {
    if (!Files.exists(file)) throw new UserException(file + ": file not found");
    if (Files.isDirectory(file)) throw new UserException(file + ": is a folder, not a recording");
    return file;
  }

  public static UserException notMcap(Path file, McapException e) {
    return new UserException(file + ": " + e.getMessage());
  }

  /** {@code foresight log info FILE}. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = {"Summarize a recording: run metadata, duration, and per channel the message count, rate "
          + "and gaps; whether the file closed cleanly or where it was cut short or damaged."})
  static final class Info implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Recording (.mcap).")
    Path file;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      RecordingSummary s;
      try {
        s = RecordingSummary.of(existing(file));
      } catch (McapException e) {
        throw notMcap(file, e);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("bytes", s.bytes());
        m.put("complete", s.complete());
        m.put("damage", s.damage().orElse(null));
        m.put("start_ns", s.startNs());
        m.put("end_ns", s.endNs());
        m.put("duration_s", s.durationS());
        m.put("metadata", s.metadata());
        m.put("channels", s.channels());
        out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(m));
      } else {
        print(s, out);
      }
      out.flush();
      return ExitCodes.OK;
    }

    private void print(RecordingSummary s, PrintWriter out) {
      out.printf(Locale.ROOT, "%s: %.1f kB, %s%n", file, s.bytes() / 1000.0,
          s.complete() ? "complete (closed cleanly, indexed)" : "incomplete: " + s.damage().orElse("?"));
      Map<String, String> run = s.metadata().getOrDefault("run", Map.of());
      if (!run.isEmpty()) printRun(run, out);
      out.printf(Locale.ROOT, "time: %s to %s (%.3f s)%n", Instant.ofEpochSecond(0, s.startNs()),
          Instant.ofEpochSecond(0, s.endNs()), s.durationS());
      List<RecordingSummary.ChannelSummary> channels = s.channels();
      int width = channels.stream().mapToInt(c -> c.topic().length()).max().orElse(5);
      out.printf(Locale.ROOT, "%-" + width + "s  %8s  %9s  %5s  %10s  %s%n", "topic", "messages", "rate", "gaps",
          "max gap", "schema");
      for (RecordingSummary.ChannelSummary c : channels) {
        out.printf(Locale.ROOT, "%-" + width + "s  %8d  %6.1f Hz  %5d  %7.1f ms  %s%n", c.topic(), c.messages(),
            c.rateHz(), c.gaps(), c.maxGapMs(), c.schema());
      }
      Map<String, String> end = s.metadata().getOrDefault("recorder", Map.of());
      if (!end.isEmpty()) {
        out.printf("recorder: %s%n", String.join(", ", end.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).toList()));
      }
    }
  }

  /** The run metadata in a few readable lines; keys this version does not know are listed as they are. */
  static void printRun(Map<String, String> run, PrintWriter out) {
    Map<String, String> rest = new LinkedHashMap<>(run);
    java.util.function.Function<String, String> take = k -> {
      String v = rest.remove(k);
      return v == null ? "" : v;
    };
    out.printf("run: robot %s, controller %s at %s Hz, %s, started %s%n", take.apply("robot"), take.apply("controller"),
        take.apply("rate_hz"), take.apply("foresight_version"), take.apply("started_utc"));
    String sha = take.apply("config_sha256");
    out.printf("config: %s (sha256 %s)%n", take.apply("config_file"), sha.length() > 12 ? sha.substring(0, 12) : sha);
    out.printf("variables: state %s; action %s%n", take.apply("state_names"), take.apply("action_names"));
    if (rest.containsKey("sim_plant")) {
      String randomized = take.apply("sim_randomized");
      out.printf("sim: plant %s, seed %s, parameters %s%s%n", take.apply("sim_plant"), take.apply("sim_seed"),
          take.apply("sim_parameters"), randomized.isEmpty() ? "" : " (randomized: " + randomized + ")");
    }
    if (rest.containsKey("model_file")) {
      String m = take.apply("model_sha256");
      out.printf("model: %s (sha256 %s)%n", take.apply("model_file"), m.length() > 12 ? m.substring(0, 12) : m);
    }
    for (String k : List.of("config_yaml", "dt_s", "state_sources", "action_targets", "sim_initial_state")) rest.remove(k);
    if (!rest.isEmpty()) {
      out.printf("also: %s%n", String.join(", ", rest.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    }
  }

  /** {@code foresight log export FILE --csv DIR}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Export a recording's JSON channels to CSV files, one per topic, with a log_time_s column.")
  static final class Export implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Recording (.mcap).")
    Path file;

    @Option(names = "--csv", required = true, paramLabel = "DIR", description = "Folder for the CSV files.")
    Path dir;

    @Override
    public Integer call() throws IOException {
      RecordingExport.Result r;
      try {
        r = RecordingExport.toCsv(existing(file), dir);
      } catch (McapException e) {
        throw notMcap(file, e);
      }
      PrintWriter out = spec.commandLine().getOut();
      for (Map.Entry<String, Path> e : r.files().entrySet()) {
        out.printf("%s: %d rows -> %s%n", e.getKey(), r.rows().get(e.getKey()), e.getValue());
      }
      if (r.skipped() > 0) out.printf("skipped %d messages that are not JSON objects%n", r.skipped());
      out.flush();
      r.damage().ifPresent(d -> spec.commandLine().getErr().println("foresight: " + file + ": exported up to the "
          + "damage: " + d));
      return ExitCodes.OK;
    }
  }
}
