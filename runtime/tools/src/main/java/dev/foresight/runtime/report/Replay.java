package dev.foresight.runtime.report;

import dev.foresight.sim.Parameter;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Trajectory;
import dev.foresight.sim.Variable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A self-contained HTML replay of simulated runs: an animation of the plant (pendulum, cart-pole,
 * acrobot, mountain car, or the rover seen from above) with play, pause, a time slider, speed and
 * run choice, a read-out of every variable, and below it the {@link TrajectoryPlot} as inline SVG.
 * One file, inline JavaScript and SVG; nothing is fetched when it opens.
 *
 * <pre>{@code
 * Replay.write(List.of(trajectory), "acrobot, seed 3", Path.of("acrobot.html"));
 * }</pre>
 */
public final class Replay {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Replay() {}

  /** Writes the replay of {@code runs} (the first {@link TrajectoryPlot#MAX_RUNS}) to {@code file}. */
  public static void write(List<Trajectory> runs, String title, Path file) throws IOException {
    Files.writeString(file, html(runs, title), StandardCharsets.UTF_8);
  }

  /** The replay page. */
  public static String html(List<Trajectory> all, String title) throws IOException {
    if (all.isEmpty()) throw new IllegalArgumentException("nothing to replay: no runs");
    List<Trajectory> runs = all.subList(0, Math.min(TrajectoryPlot.MAX_RUNS, all.size()));
    PlantSpec spec = runs.getFirst().spec();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("title", title);
    data.put("plant", spec.name());
    data.put("dt", spec.dtS());
    data.put("state", variables(spec.state()));
    data.put("action", variables(spec.action()));
    Map<String, Double> parameters = new LinkedHashMap<>();
    for (Parameter p : spec.parameters()) parameters.put(p.name(), p.value());
    data.put("parameters", parameters);
    data.put("runs", runs.stream().map(Replay::run).toList());
    String svg = TrajectoryPlot.svg(runs, title)
        .replaceFirst("(?s)^<\\?xml.*?\\?>", "").replaceFirst("(?s)<!DOCTYPE[^>]*>", "").trim();
    // JSON numbers and strings only; "</" is escaped so nothing in the data can end the script.
    String json = JSON.writeValueAsString(data).replace("</", "<\\/");
    return template().replace("__TITLE__", escape(title)).replace("__DATA__", json).replace("__PLOT__", svg);
  }

  private static List<Map<String, String>> variables(List<Variable> variables) {
    return variables.stream().map(v -> Map.of("name", v.name(), "unit", v.unit())).toList();
  }

  private static Map<String, Object> run(Trajectory t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("initial", t.initialState());
    m.put("states", t.states());
    m.put("actions", t.actions());
    m.put("rewards", t.rewards());
    m.put("terminated", t.terminated());
    return m;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String template() {
    try (InputStream in = Replay.class.getResourceAsStream("replay.html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
