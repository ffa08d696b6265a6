package dev.foresight.runtime.learn;

import dev.foresight.runtime.learn.trainer.Transitions;
import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.record.Recorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state and applied-action channels of recordings, read directly from MCAP files and cut into
 * segments of consecutive ticks: a segment ends at an episode mark, at a file's end, where ticks
 * are missing (drops), and at a tick with a non-finite value (the tick is dropped and counted). No
 * transition crosses a segment boundary.
 *
 * <pre>{@code
 * RecordedData data = RecordedData.read(List.of(Path.of("recordings/run.mcap")));
 * Transitions t = data.transitions();
 * }</pre>
 *
 * @param stateNames  state variables, in order (every file agrees)
 * @param actionNames action variables, in order
 * @param wrapped     per state variable: a wrapped angle
 * @param periodNs    loop period (every file agrees)
 * @param segments    runs of consecutive ticks
 * @param files       what each file gave
 * @param sha256      hash of the files' contents (sorted per-file hashes, hashed again): {@code sha256:<hex>}
 */
public record RecordedData(List<String> stateNames, List<String> actionNames, boolean[] wrapped, long periodNs,
    List<Segment> segments, List<FileReport> files, String sha256) {

  /**
   * Consecutive ticks of one episode.
   *
   * @param file    where they come from
   * @param episode episode number in the file (0 for a recording without episode marks)
   * @param states  {@code ticks x S}
   * @param actions {@code ticks x A}, the applied actions
   * @param parameters the simulated plant's parameters in this episode (empty for a real robot)
   */
  public record Segment(Path file, int episode, double[] states, double[] actions, Map<String, Double> parameters) {
    /** Ticks in the segment. */
    public int ticks(int stateSize) {
      return states.length / stateSize;
    }
  }

  /**
   * What one file gave.
   *
   * @param file        the recording
   * @param ticks       ticks with both a state and an applied action
   * @param nonFinite   ticks dropped for a NaN or infinite value
   * @param gaps        places where ticks were missing (segment breaks other than episodes)
   * @param episodes    episode marks
   * @param damage      where a damaged or cut-short file stopped being read, if it did
   * @param run         the file's {@code run} metadata (robot, config, simulated plant, ...)
   */
  public record FileReport(Path file, long ticks, long nonFinite, long gaps, int episodes, Optional<String> damage,
      Map<String, String> run) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Transitions (state, applied action, next state) within segments, with one episode id per segment. */
  public Transitions transitions() {
    int s = stateNames.size();
    int a = actionNames.size();
    int n = 0;
    for (Segment seg : segments) n += Math.max(0, seg.ticks(s) - 1);
    double[] states = new double[n * s];
    double[] actions = new double[n * a];
    double[] next = new double[n * s];
    int[] episodes = new int[n];
    int row = 0;
    int id = 0;
    for (Segment seg : segments) {
      int t = seg.ticks(s);
      for (int k = 0; k + 1 < t; k++) {
        System.arraycopy(seg.states(), k * s, states, row * s, s);
        System.arraycopy(seg.actions(), k * a, actions, row * a, a);
        System.arraycopy(seg.states(), (k + 1) * s, next, row * s, s);
        episodes[row] = id;
        row++;
      }
      id++;
    }
    return new Transitions(stateNames, actionNames, wrapped, states, actions, next, episodes);
  }

  /** Ticks dropped for non-finite values, over all files. */
  public long nonFinite() {
    return files.stream().mapToLong(FileReport::nonFinite).sum();
  }

  /** Ticks read, over all files. */
  public long ticks() {
    return files.stream().mapToLong(FileReport::ticks).sum();
  }

  /** The loop period in seconds. */
  public double dtS() {
    return periodNs * 1e-9;
  }

  /**
   * Reads recordings (files, or folders of {@code .mcap} files).
   *
   * @throws LearnException (one line) for a missing or non-MCAP file, a recording without state or
   *                        applied-action channels, files that disagree on variables or rate, or no
   *                        transitions at all
   */
  public static RecordedData read(List<Path> inputs) throws IOException {
    List<Path> files = expand(inputs);
    Reader reader = new Reader();
    for (Path f : files) reader.file(f);
    if (reader.stateNames == null) throw new LearnException("no recordings to read");
    RecordedData data = new RecordedData(reader.stateNames, reader.actionNames, reader.wrapped, reader.periodNs,
        List.copyOf(reader.segments), List.copyOf(reader.reports), hash(files));
    if (data.transitions().count() == 0) {
      throw new LearnException(String.join(", ", files.stream().map(Path::toString).toList())
          + ": no transitions (a transition needs two consecutive ticks with finite values)");
    }
    return data;
  }

  /** Files as given, and the {@code .mcap} files of folders, sorted. */
  static List<Path> expand(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (var list = Files.list(p)) {
          List<Path> found = list.filter(f -> f.toString().endsWith(".mcap")).sorted().toList();
          if (found.isEmpty()) throw new LearnException(p + ": no .mcap recordings in this folder");
          files.addAll(found);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new LearnException(p + ": file not found");
      }
    }
    if (files.isEmpty()) throw new LearnException("no recordings given");
    return files;
  }

  private static String hash(List<Path> files) throws IOException {
    try {
      List<String> each = new ArrayList<>();
      for (Path f : files) {
        each.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
      each.sort(null);
      MessageDigest all = MessageDigest.getInstance("SHA-256");
      for (String h : each) all.update(h.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return "sha256:" + HexFormat.of().formatHex(all.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Reads files one after the other into segments. */
  private static final class Reader {
    List<String> stateNames;
    List<String> actionNames;
    boolean[] wrapped;
    long periodNs;
    Path firstFile;
    final List<Segment> segments = new ArrayList<>();
    final List<FileReport> reports = new ArrayList<>();

    // The segment being gathered.
    private Path file;
    private int episode;
    private Map<String, Double> parameters = Map.of();
    private double[] states = new double[1024];
    private double[] actions = new double[1024];
    private int ticks;
    private long lastTick = -1;
    // The tick whose state arrived and waits for its applied action.
    private long pendingTick = -1;
    private double[] pendingState;
    private long fileTicks;
    private long fileNonFinite;
    private long fileGaps;
    private int fileEpisodes;

    void file(Path f) throws IOException {
      int segmentsBefore = segments.size();
      file = f;
      episode = 0;
      parameters = Map.of();
      fileTicks = 0;
      fileNonFinite = 0;
      fileGaps = 0;
      fileEpisodes = 0;
      McapReader.Scan scan;
      try {
        scan = McapReader.read(f, this::message);
      } catch (McapException e) {
        throw new LearnException(f + ": " + e.getMessage());
      }
      if ((stateNames == null || !sawVariables) && scan.damage().isPresent()) {
        throw new LearnException(f + ": no complete chunk before the damage (" + scan.damage().get() + "); nothing to read");
      }
      if (stateNames == null || !sawVariables) {
        throw new LearnException(f + ": no " + Recorder.STATE + " and " + Recorder.APPLIED + " channels with variable "
            + "names; record with foresight run (recording.enabled) or foresight sim collect");
      }
      endSegment();
      if (fileEpisodes == 0) {
        Map<String, Double> p = runParameters(scan.metadata().getOrDefault(Recorder.RUN_METADATA, Map.of()));
        for (int i = segmentsBefore; i < segments.size(); i++) {
          Segment g = segments.get(i);
          segments.set(i, new Segment(g.file(), g.episode(), g.states(), g.actions(), p));
        }
      }
      reports.add(new FileReport(f, fileTicks, fileNonFinite, fileGaps, fileEpisodes, scan.damage(),
          scan.metadata().getOrDefault(Recorder.RUN_METADATA, Map.of())));
      sawVariables = false;
    }

    private boolean sawVariables;

    /** {@code sim_parameters} ({@code name=value,...}) of a run recording. */
    private static Map<String, Double> runParameters(Map<String, String> run) {
      Map<String, Double> p = new java.util.LinkedHashMap<>();
      for (String kv : run.getOrDefault("sim_parameters", "").split(",")) {
        String[] pair = kv.split("=", 2);
        if (pair.length == 2) {
          try {
            p.put(pair[0].strip(), Double.parseDouble(pair[1].strip()));
          } catch (NumberFormatException e) {
            return Map.of();
          }
        }
      }
      return Map.copyOf(p);
    }

    private void message(McapReader.Message m) {
      String topic = m.channel().topic();
      switch (topic) {
        case Recorder.STATE -> {
          variables(m.channel());
          JsonNode n = parse(m);
          long tick = n.path("tick").asLong(-1);
          double[] x = values(n, stateNames);
          pendingTick = tick;
          pendingState = x;
        }
        case Recorder.APPLIED -> {
          variables(m.channel());
          JsonNode n = parse(m);
          long tick = n.path("tick").asLong(-1);
          if (tick != pendingTick || pendingState == null) return;   // no state for this tick (dropped)
          double[] u = values(n, actionNames);
          tick(tick, pendingState, u);
          pendingState = null;
        }
        case Recorder.EPISODE -> {
          endSegment();
          JsonNode n = parse(m);
          episode = n.path("episode").asInt(episode + 1);
          Map<String, Double> p = new java.util.LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> e : n.path("parameters").properties()) p.put(e.getKey(), e.getValue().asDouble());
          parameters = Map.copyOf(p);
          fileEpisodes++;
        }
        default -> { }
      }
    }

    private void tick(long tick, double[] x, double[] u) {
      fileTicks++;
      if (!finite(x) || !finite(u)) {
        fileNonFinite++;
        endSegment();
        return;
      }
      if (lastTick >= 0 && tick != lastTick + 1) {
        fileGaps++;
        endSegment();
      }
      int s = x.length;
      int a = u.length;
      if ((ticks + 1) * s > states.length) states = Arrays.copyOf(states, states.length * 2 + s);
      if ((ticks + 1) * a > actions.length) actions = Arrays.copyOf(actions, actions.length * 2 + a);
      System.arraycopy(x, 0, states, ticks * s, s);
      System.arraycopy(u, 0, actions, ticks * a, a);
      ticks++;
      lastTick = tick;
    }

    private void endSegment() {
      if (ticks > 0) {
        segments.add(new Segment(file, episode, Arrays.copyOf(states, ticks * stateNames.size()),
            Arrays.copyOf(actions, ticks * actionNames.size()), parameters));
      }
      ticks = 0;
      lastTick = -1;
      pendingState = null;
      pendingTick = -1;
    }

    /** Takes the variable names from the channel metadata; every file must agree with the first. */
    private void variables(McapReader.Channel c) {
      Map<String, String> meta = c.metadata();
      String names = meta.get("names");
      if (names == null || names.isBlank()) {
        throw new LearnException(file + ": channel " + c.topic() + " does not name its variables (metadata 'names')");
      }
      List<String> list = Arrays.stream(names.split(",")).map(String::strip).toList();
      long period = Long.parseLong(meta.getOrDefault("period_ns", "0"));
      boolean state = c.topic().equals(Recorder.STATE);
      if (state) {
        List<String> wrap = Arrays.stream(meta.getOrDefault("wrap", "").split(",")).map(String::strip)
            .filter(w -> !w.isEmpty()).toList();
        boolean[] w = new boolean[list.size()];
        for (int i = 0; i < w.length; i++) w[i] = wrap.contains(list.get(i));
        if (stateNames == null) {
          stateNames = list;
          wrapped = w;
          periodNs = period;
          firstFile = file;
        } else if (!stateNames.equals(list)) {
          throw new LearnException(file + ": state variables " + list + " do not match " + firstFile + "'s "
              + stateNames + "; train on recordings of one robot layout");
        } else if (!Arrays.equals(wrapped, w)) {
          throw new LearnException(file + ": wrapped angles " + wrap + " differ from " + firstFile + "'s");
        }
      } else if (actionNames == null) {
        actionNames = list;
      } else if (!actionNames.equals(list)) {
        throw new LearnException(file + ": action variables " + list + " do not match " + firstFile + "'s "
            + actionNames + "; train on recordings of one robot layout");
      }
      if (period != periodNs) {
        throw new LearnException(file + ": the loop period is " + period * 1e-9 + " s but " + firstFile + " has "
            + periodNs * 1e-9 + " s; a model predicts one fixed time step");
      }
      if (stateNames != null && actionNames != null) sawVariables = true;
    }

    private JsonNode parse(McapReader.Message m) {
      try {
        return JSON.readTree(m.data());
      } catch (JacksonException e) {
        throw new LearnException(file + ": a " + m.channel().topic() + " message at log time " + m.logTimeNs()
            + " is not JSON");
      }
    }

    private static double[] values(JsonNode n, List<String> names) {
      double[] v = new double[names.size()];
      for (int i = 0; i < v.length; i++) {
        JsonNode x = n.get(names.get(i));
        v[i] = x == null || !x.isNumber() ? Double.NaN : x.asDouble();
      }
      return v;
    }

    private static boolean finite(double[] v) {
      for (double x : v) if (!Double.isFinite(x)) return false;
      return true;
    }
  }
}
