package dev.foresight.runtime.learn;

import dev.foresight.runtime.learn.trainer.Transitions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A bounded uniform sample of the transitions a model was trained on, kept beside the model
 * ({@code <name>-reservoir.csv}) so that fine-tuning on new recordings can mix the old regime back
 * in and not forget it. Drawn with reservoir sampling (Vitter's algorithm R, seeded): every
 * transition of the training data has the same chance {@code capacity / seen} to be in it,
 * whatever the data's order and size.
 *
 * <p>The file is text (CSV, one transition a row, values as Java prints doubles, so they read
 * back exactly), after a header of {@code # key: value} lines:
 *
 * <pre>
 * # foresight reservoir 1
 * # dt_s: 0.05
 * # state_names: theta,theta_dot
 * # action_names: u
 * # wrapped: theta
 * # trained_on: sha256:...
 * # seen: 2376
 * # seed: 1
 * episode,theta,theta_dot,u,next_theta,next_theta_dot
 * 3,0.12,-0.4,1.5,0.1,-0.38
 * </pre>
 *
 * {@code episode} is the training data's episode (segment) id of the transition, so a split by
 * episode still holds out whole runs.
 *
 * @param transitions the sample, in the order of the training data
 * @param dtS         the model's time step
 * @param trainedOn   the training data's hash ({@code foresight.trained_on})
 * @param seen        transitions the sample was drawn from
 * @param seed        the sampling seed
 */
public record Reservoir(Transitions transitions, double dtS, String trainedOn, long seen, long seed) {

  /** Format version written in the first line. */
  public static final String MAGIC = "# foresight reservoir 1";

  /** The reservoir file of a model folder's models: {@code <folder>/<folder name>-reservoir.csv}. */
  public static Path beside(Path modelFolder) {
    return modelFolder.resolve(modelFolder.getFileName() + "-reservoir.csv");
  }

  /** At most {@code capacity} transitions of {@code data}, each with the same chance, seeded. */
  public static Reservoir sample(Transitions data, double dtS, String trainedOn, int capacity, long seed) {
    if (capacity < 1) throw new IllegalArgumentException("a reservoir holds at least one transition");
    int n = data.count();
    int k = Math.min(capacity, n);
    int[] rows = new int[k];
    for (int i = 0; i < k; i++) rows[i] = i;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = k; i < n; i++) {
      int j = random.nextInt(i + 1);
      if (j < k) rows[j] = i;
    }
    Arrays.sort(rows);
    return new Reservoir(rows(data, rows), dtS, trainedOn, n, seed);
  }

  /** The transitions {@code rows} of {@code data}. */
  static Transitions rows(Transitions data, int[] rows) {
    int s = data.stateSize();
    int a = data.actionSize();
    double[] x = new double[rows.length * s];
    double[] u = new double[rows.length * a];
    double[] next = new double[rows.length * s];
    int[] episodes = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(data.states(), rows[r] * s, x, r * s, s);
      System.arraycopy(data.actions(), rows[r] * a, u, r * a, a);
      System.arraycopy(data.next(), rows[r] * s, next, r * s, s);
      episodes[r] = data.episodes()[rows[r]];
    }
    return new Transitions(data.stateNames(), data.actionNames(), data.wrapped(), x, u, next, episodes);
  }

  /** Writes the reservoir (atomically: a reader sees the old file or the new one). */
  public void write(Path file) throws IOException {
    Transitions t = transitions;
    int s = t.stateSize();
    int a = t.actionSize();
    List<String> wrapped = new ArrayList<>();
    for (int i = 0; i < s; i++) if (t.wrapped()[i]) wrapped.add(t.stateNames().get(i));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(MAGIC + "\n");
      w.write("# dt_s: " + dtS + "\n");
      w.write("# state_names: " + String.join(",", t.stateNames()) + "\n");
      w.write("# action_names: " + String.join(",", t.actionNames()) + "\n");
      w.write("# wrapped: " + String.join(",", wrapped) + "\n");
      w.write("# trained_on: " + trainedOn + "\n");
      w.write("# seen: " + seen + "\n");
      w.write("# seed: " + seed + "\n");
      List<String> header = new ArrayList<>();
      header.add("episode");
      header.addAll(t.stateNames());
      header.addAll(t.actionNames());
      for (String n : t.stateNames()) header.add("next_" + n);
      w.write(String.join(",", header) + "\n");
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < t.count(); r++) {
        line.setLength(0);
        line.append(t.episodes()[r]);
        for (int i = 0; i < s; i++) line.append(',').append(t.states()[r * s + i]);
        for (int j = 0; j < a; j++) line.append(',').append(t.actions()[r * a + j]);
        for (int i = 0; i < s; i++) line.append(',').append(t.next()[r * s + i]);
        w.write(line.append('\n').toString());
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a reservoir file.
   *
   * @throws LearnException (one line, naming the file and the line) for a missing file, another
   *                        format, a missing header key or a malformed row
   */
  public static Reservoir read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new LearnException(file + ": file not found");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
      throw new LearnException(file + ": not a foresight reservoir (the first line is not '" + MAGIC + "')");
    }
    Map<String, String> header = new LinkedHashMap<>();
    int at = 1;
    for (; at < lines.size() && lines.get(at).startsWith("# "); at++) {
      String[] kv = lines.get(at).substring(2).split(":", 2);
      if (kv.length == 2) header.put(kv[0].strip(), kv[1].strip());
    }
    for (String key : List.of("dt_s", "state_names", "action_names", "wrapped", "trained_on", "seen", "seed")) {
      if (!header.containsKey(key)) throw new LearnException(file + ": the header has no '" + key + "'");
    }
    List<String> states = names(header.get("state_names"));
    List<String> actions = names(header.get("action_names"));
    List<String> wrap = names(header.get("wrapped"));
    boolean[] wrapped = new boolean[states.size()];
    for (int i = 0; i < wrapped.length; i++) wrapped[i] = wrap.contains(states.get(i));
    int s = states.size();
    int a = actions.size();
    int width = 1 + 2 * s + a;
    at++;   // the column names
    int n = lines.size() - at;
    double[] x = new double[n * s];
    double[] u = new double[n * a];
    double[] next = new double[n * s];
    int[] episodes = new int[n];
    int rows = 0;
    try {
      for (int l = at; l < lines.size(); l++) {
        if (lines.get(l).isBlank()) continue;
        String[] v = lines.get(l).split(",");
        if (v.length != width) {
          throw new LearnException(file + ": line " + (l + 1) + " has " + v.length + " values, not " + width);
        }
        episodes[rows] = Integer.parseInt(v[0].strip());
        for (int i = 0; i < s; i++) x[rows * s + i] = Double.parseDouble(v[1 + i]);
        for (int j = 0; j < a; j++) u[rows * a + j] = Double.parseDouble(v[1 + s + j]);
        for (int i = 0; i < s; i++) next[rows * s + i] = Double.parseDouble(v[1 + s + a + i]);
        rows++;
      }
      if (rows == 0) throw new LearnException(file + ": no transitions");
      return new Reservoir(new Transitions(states, actions, wrapped, Arrays.copyOf(x, rows * s),
          Arrays.copyOf(u, rows * a), Arrays.copyOf(next, rows * s), Arrays.copyOf(episodes, rows)),
          Double.parseDouble(header.get("dt_s")), header.get("trained_on"), Long.parseLong(header.get("seen")),
          Long.parseLong(header.get("seed")));
    } catch (NumberFormatException e) {
      throw new LearnException(file + ": a value is not a number (" + e.getMessage() + ")");
    }
  }

  private static List<String> names(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }
}
