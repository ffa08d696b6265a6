package dev.foresight.runtime.report;

import dev.foresight.runtime.mcap.McapException;
import dev.foresight.runtime.mcap.McapReader;
import dev.foresight.runtime.report.ChartSheet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A picture of a recorded run against time: each state variable (with the world model's one-step
 * prediction of it, dashed, when the run recorded predictions), the applied and planned actions,
 * the cost per tick with the run's events as vertical lines, the world model's one-step error, and
 * the tick's duration when the loop ran on a real clock. Long recordings are thinned to at most
 * {@link #MAX_POINTS} ticks per series (every n-th tick), reading the file twice so memory stays flat.
 *
 * <pre>{@code
 * RecordingPlot.Result r = RecordingPlot.write(Path.of("run.mcap"), Path.of("run.png"), 0, Double.POSITIVE_INFINITY);
 * }</pre>
 */
public final class RecordingPlot {

  /** Most ticks drawn per series; beyond that every n-th tick is drawn. */
  public static final int MAX_POINTS = 4000;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PANEL_WIDTH = 560;
  private static final int PANEL_HEIGHT = 240;
  private static final List<Color> COLOURS = ChartSheet.COLOURS;
  private static final Color EVENT = new Color(0xff7f0e);

  /** What was drawn: ticks in the window, 1 in how many drawn, panels, events, and damage the read stopped at. */
  public record Result(long ticks, int every, int panels, int events, double fromS, double toS,
      Optional<String> damage) {}

  /** Thrown when the recording has nothing to draw (no {@code /state} channel, or no tick in the window). */
  public static final class NothingToPlot extends Exception {
    NothingToPlot(String message) {
      super(message);
    }
  }

  private RecordingPlot() {}

  /**
   * Plots {@code recording} between {@code fromS} and {@code toS} (seconds from its first message)
   * into {@code out} (.png or .svg).
   *
   * @throws IllegalArgumentException for an output that is neither .png nor .svg
   */
  public static Result write(Path recording, Path out, double fromS, double toS)
      throws IOException, McapException, NothingToPlot {
    // Pass 1: where time starts, and how many ticks fall in the window.
    long[] first = {Long.MIN_VALUE};
    long[] ticks = {0};
    McapReader.read(recording, m -> {
      if (first[0] == Long.MIN_VALUE) first[0] = m.logTimeNs();
      if (m.channel().topic().equals("/state") && inWindow(m.logTimeNs(), first[0], fromS, toS)) ticks[0]++;
    });
    if (first[0] == Long.MIN_VALUE) throw new NothingToPlot("the recording holds no messages");
    if (ticks[0] == 0) {
      throw new NothingToPlot(toS == Double.POSITIVE_INFINITY && fromS <= 0
          ? "no /state channel: not a Foresight run recording"
          : toS == Double.POSITIVE_INFINITY ? String.format(Locale.ROOT, "no ticks after %.3f s", fromS)
          : String.format(Locale.ROOT, "no ticks between %.3f s and %.3f s", fromS, toS));
    }
    int every = (int) Math.max(1, (ticks[0] + MAX_POINTS - 1) / MAX_POINTS);

    // Pass 2: the series, every n-th tick (events all).
    Series series = new Series();
    List<String> stateNames = new ArrayList<>();
    List<String> actionNames = new ArrayList<>();
    List<Double> events = new ArrayList<>();
    long[] kept = {0};
    McapReader.Scan scan = McapReader.read(recording, m -> {
      if (!inWindow(m.logTimeNs(), first[0], fromS, toS)) return;
      String topic = m.channel().topic();
      double t = (m.logTimeNs() - first[0]) * 1e-9;
      if (topic.equals("/events")) {
        events.add(t);
        return;
      }
      JsonNode node = parse(m.data());
      if (node == null || !node.isObject()) return;
      JsonNode tick = node.get("tick");
      if (tick == null || tick.asLong() % every != 0) return;
      switch (topic) {
        case "/state" -> {
          kept[0]++;
          numbers(node, (name, v) -> {
            if (!stateNames.contains(name)) stateNames.add(name);
            series.add("state." + name, t, v);
          });
        }
        case "/action/applied" -> numbers(node, (name, v) -> {
          if (name.equals("fallback")) return;
          if (!actionNames.contains(name)) actionNames.add(name);
          series.add("applied." + name, t, v);
        });
        case "/action/planned" -> numbers(node, (name, v) -> series.add("planned." + name, t, v));
        case "/mode" -> add(series, "cost", t, node.get("cost"));
        case "/prediction" -> {
          numbers(node.path("next"), (name, v) -> series.add("predicted." + name, t, v));
          numbers(node.path("error"), (name, v) -> series.add("error." + name, t, Math.abs(v)));
        }
        case "/timing" -> {
          add(series, "timing.tick_us", t, node.get("tick_us"));
          add(series, "timing.plan_us", t, node.get("plan_us"));
        }
        default -> { }
      }
    });

    Map<String, String> run = scan.metadata().getOrDefault("run", Map.of());
    double from = Math.max(0, fromS);
    double to = Math.min(toS, series.maxX());
    String title = String.format(Locale.ROOT, "%s, %s at %s Hz: %.1f s to %.1f s%s", run.getOrDefault("robot",
        recording.getFileName().toString()), run.getOrDefault("controller", "controller"),
        trimmed(run.getOrDefault("rate_hz", "?")), from, to, every > 1 ? ", 1 tick in " + every : "");
    ChartSheet sheet = new ChartSheet(title, 2, PANEL_WIDTH, PANEL_HEIGHT);
    for (String name : stateNames) {
      boolean predicted = series.has("predicted." + name);
      XYChart c = timePanel(sheet, from, to, name, predicted);
      line(c, "recorded", series, "state." + name, Color.BLACK, null);
      if (predicted) {
        line(c, "predicted one step ahead", series, "predicted." + name, COLOURS.get(0), ChartSheet.DASHED);
      }
    }
    if (!actionNames.isEmpty()) {
      String panelTitle = actionNames.size() == 1 ? "action: " + actionNames.getFirst() : "actions";
      XYChart c = timePanel(sheet, from, to, panelTitle, true);
      for (int a = 0; a < actionNames.size(); a++) {
        String name = actionNames.get(a);
        Color colour = COLOURS.get(a % COLOURS.size());
        String prefix = actionNames.size() > 1 ? name + " " : "";
        XYSeries s = line(c, prefix + "applied", series, "applied." + name, colour, null);
        if (s != null) s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        line(c, prefix + "planned", series, "planned." + name, colour, ChartSheet.DASHED);
      }
    }
    if (series.has("cost")) {
      String panelTitle = events.isEmpty() ? "cost per tick" : "cost per tick; events as vertical lines ("
          + events.size() + ")";
      XYChart c = timePanel(sheet, from, to, panelTitle, false);
      line(c, "cost", series, "cost", COLOURS.get(1), null);
      c.getStyler().setAnnotationLineColor(EVENT);
      c.getStyler().setAnnotationLineStroke(new BasicStroke(1f));
      for (double t : events) c.addAnnotation(new AnnotationLine(t, true, false));
    }
    if (stateNames.stream().anyMatch(n -> series.has("error." + n))) {
      XYChart c = timePanel(sheet, from, to, "world model: |one-step error|", true);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
      c.getStyler().setYAxisDecimalPattern("0.####");
      for (int i = 0; i < stateNames.size(); i++) {
        line(c, stateNames.get(i), series, "error." + stateNames.get(i), COLOURS.get(i % COLOURS.size()), null);
      }
    }
    if (series.anyPositive("timing.tick_us")) {
      XYChart c = timePanel(sheet, from, to, "tick duration [us]", true);
      line(c, "whole tick", series, "timing.tick_us", COLOURS.get(0), null);
      line(c, "plan phase", series, "timing.plan_us", COLOURS.get(2), ChartSheet.DASHED);
    }
    sheet.write(out);
    return new Result(kept[0], every, sheet.panels(), events.size(), from, to, scan.damage());
  }

  private static XYChart timePanel(ChartSheet sheet, double from, double to, String title, boolean legend) {
    XYChart c = sheet.panel(title, "time [s]", legend);
    c.getStyler().setXAxisMin(from);
    c.getStyler().setXAxisMax(to);
    c.getStyler().setXAxisDecimalPattern("#0.##");
    return c;
  }

  private static boolean inWindow(long logTimeNs, long firstNs, double fromS, double toS) {
    double t = (logTimeNs - firstNs) * 1e-9;
    return t >= fromS && t <= toS;
  }

  private static String trimmed(String number) {
    return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
  }

  private static XYSeries line(XYChart c, String name, Series series, String key, Color colour, BasicStroke stroke) {
    if (!series.has(key)) return null;
    XYSeries s = ChartSheet.line(c, name, series.x(key), series.y(key), colour);
    if (stroke != null) s.setLineStyle(stroke);
    return s;
  }

  private interface NumberSink {
    void accept(String name, double value);
  }

  /** The finite numbers among {@code node}'s fields, except the tick counter. */
  private static void numbers(JsonNode node, NumberSink sink) {
    if (node == null || !node.isObject()) return;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals("tick") || !e.getValue().isNumber()) continue;
      double v = e.getValue().asDouble();
      if (Double.isFinite(v)) sink.accept(e.getKey(), v);
    }
  }

  /** Adds {@code value} to the series {@code key} when it is a finite number. */
  private static void add(Series series, String key, double t, JsonNode value) {
    if (value != null && value.isNumber() && Double.isFinite(value.asDouble())) series.add(key, t, value.asDouble());
  }

  private static JsonNode parse(byte[] data) {
    try {
      return JSON.readTree(data);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Growable (x, y) series by name. */
  private static final class Series {
    private final Map<String, double[][]> data = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();

    void add(String key, double x, double y) {
      double[][] d = data.computeIfAbsent(key, k -> new double[2][256]);
      int n = sizes.getOrDefault(key, 0);
      if (n == d[0].length) {
        d[0] = Arrays.copyOf(d[0], n * 2);
        d[1] = Arrays.copyOf(d[1], n * 2);
      }
      d[0][n] = x;
      d[1][n] = y;
      sizes.put(key, n + 1);
    }

    boolean has(String key) {
      return sizes.getOrDefault(key, 0) > 0;
    }

    boolean anyPositive(String key) {
      if (!has(key)) return false;
      double[] y = y(key);
      for (double v : y) if (v > 0) return true;
      return false;
    }

    double[] x(String key) {
      return Arrays.copyOf(data.get(key)[0], sizes.get(key));
    }

    double[] y(String key) {
      return Arrays.copyOf(data.get(key)[1], sizes.get(key));
    }

    double maxX() {
      double max = 0;
      for (String key : data.keySet()) max = Math.max(max, data.get(key)[0][sizes.get(key) - 1]);
      return max;
    }
  }
}
