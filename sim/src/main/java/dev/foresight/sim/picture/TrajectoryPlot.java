package dev.foresight.sim.picture;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Trajectory;
import dev.foresight.sim.Variable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A picture of simulated runs: one panel per state variable over time, one for the actions
 * (held over each step), one for the reward, and for a plant that moves in a plane (state
 * {@code x} and {@code y}) its path. Several runs of the same plant are overlaid, one colour
 * each. Charts are XChart's, painted on Java2D and saved as PNG or SVG.
 *
 * <pre>{@code
 * TrajectoryPlot.write(List.of(trajectory), "acrobot, seed 3", Path.of("acrobot.svg"));
 * }</pre>
 */
public final class TrajectoryPlot {

  /** Most runs drawn in one picture; more would be unreadable. */
  public static final int MAX_RUNS = 8;

  private static final int PANEL_WIDTH = 560;
  private static final int PANEL_HEIGHT = 230;
  private static final int COLUMNS = 2;
  private static final int HEADER = 44;
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

  private TrajectoryPlot() {}

  /**
   * Writes the picture of {@code runs} (the first {@link #MAX_RUNS}) to {@code file}; the format
   * follows the extension ({@code .png} or {@code .svg}).
   *
   * @throws IllegalArgumentException for another extension or no runs
   * @throws IOException              when the file cannot be written
   */
  public static void write(List<Trajectory> runs, String title, Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".svg")) {
      Files.writeString(file, svg(runs, title), StandardCharsets.UTF_8);
    } else if (name.endsWith(".png")) {
      try (OutputStream out = Files.newOutputStream(file)) {
        ImageIO.write(png(runs, title), "png", out);
      }
    } else {
      throw new IllegalArgumentException(file + ": a plot is written as .png or .svg");
    }
  }

  /** The picture as an SVG document. */
  public static String svg(List<Trajectory> runs, String title) throws IOException {
    List<XYChart> charts = charts(runs);
    int width = PANEL_WIDTH * COLUMNS;
    int height = height(charts.size());
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g, charts, Math.min(MAX_RUNS, runs.size()), title, width, height);
    Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The picture as an image. */
  public static BufferedImage png(List<Trajectory> runs, String title) {
    List<XYChart> charts = charts(runs);
    int width = PANEL_WIDTH * COLUMNS;
    int height = height(charts.size());
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(g, charts, Math.min(MAX_RUNS, runs.size()), title, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static int height(int panels) {
    return HEADER + PANEL_HEIGHT * ((panels + COLUMNS - 1) / COLUMNS);
  }

  private static void paint(Graphics2D g, List<XYChart> charts, int runs, String title, int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x222222));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
    g.drawString(title, 16, 28);
    if (runs > 1) {                                   // one legend for every panel: run k is colour k
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int x = width - 16 - runs * 64;
      for (int r = 0; r < runs; r++) {
        g.setColor(COLOURS[r]);
        g.fillRect(x + r * 64, 19, 14, 4);
        g.setColor(new Color(0x222222));
        g.drawString("run " + (r + 1), x + r * 64 + 18, 25);
      }
    }
    AffineTransform base = g.getTransform();
    for (int i = 0; i < charts.size(); i++) {
      g.setTransform(base);
      g.translate((i % COLUMNS) * PANEL_WIDTH, HEADER + (i / COLUMNS) * PANEL_HEIGHT);
      charts.get(i).paint(g, PANEL_WIDTH, PANEL_HEIGHT);
    }
    g.setTransform(base);
  }

  private static List<XYChart> charts(List<Trajectory> all) {
    if (all.isEmpty()) throw new IllegalArgumentException("nothing to plot: no runs");
    List<Trajectory> runs = all.subList(0, Math.min(MAX_RUNS, all.size()));
    PlantSpec spec = runs.getFirst().spec();
    boolean several = runs.size() > 1;
    List<XYChart> charts = new ArrayList<>();
    double end = runs.stream().mapToInt(Trajectory::steps).max().orElse(0) * spec.dtS();
    for (int v = 0; v < spec.state().size(); v++) {
      Variable variable = spec.state().get(v);
      XYChart chart = chart(label(variable), "time [s]", false);
      for (int r = 0; r < runs.size(); r++) {
        Trajectory t = runs.get(r);
        double[] y = new double[t.steps() + 1];
        y[0] = t.initialState()[v];
        for (int k = 0; k < t.steps(); k++) y[k + 1] = t.states()[k][v];
        line(chart, "run " + (r + 1), times(t, t.steps() + 1), y, COLOURS[r]);
      }
      timeAxis(chart, end);
      charts.add(chart);
    }
    XYChart actions = chart("action" + (spec.action().size() == 1 ? ": " + label(spec.action().getFirst()) : "s"),
        "time [s]", spec.action().size() > 1);
    for (int r = 0; r < runs.size(); r++) {
      Trajectory t = runs.get(r);
      for (int a = 0; a < spec.action().size(); a++) {
        double[] y = new double[t.steps() + 1];
        for (int k = 0; k < t.steps(); k++) y[k] = t.actions()[k][a];
        if (t.steps() > 0) y[t.steps()] = y[t.steps() - 1];       // hold the last action to the end
        String name = (spec.action().size() > 1 ? label(spec.action().get(a)) : "") + (several ? " run " + (r + 1) : "");
        XYSeries s = line(actions, name.isBlank() ? "action" : name.trim(), times(t, t.steps() + 1), y,
            COLOURS[(r + a * (several ? 0 : 1)) % COLOURS.length]);
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step);
        if (a > 0 && several) s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 4f}, 0f));
      }
    }
    timeAxis(actions, end);
    charts.add(actions);
    XYChart reward = chart("reward per step", "time [s]", false);
    for (int r = 0; r < runs.size(); r++) {
      Trajectory t = runs.get(r);
      double[] x = new double[t.steps()];
      for (int k = 0; k < t.steps(); k++) x[k] = (k + 1) * spec.dtS();
      if (t.steps() > 0) line(reward, "run " + (r + 1), x, t.rewards().clone(), COLOURS[r]);
    }
    timeAxis(reward, end);
    charts.add(reward);
    int xi = spec.stateIndex("x");
    int yi = spec.stateIndex("y");
    if (xi >= 0 && yi >= 0) {
      XYChart path = chart("path: y [m] over x [m]", "x [m]", false);
      for (int r = 0; r < runs.size(); r++) {
        Trajectory t = runs.get(r);
        double[] px = new double[t.steps() + 1];
        double[] py = new double[t.steps() + 1];
        px[0] = t.initialState()[xi];
        py[0] = t.initialState()[yi];
        for (int k = 0; k < t.steps(); k++) {
          px[k + 1] = t.states()[k][xi];
          py[k + 1] = t.states()[k][yi];
        }
        line(path, "run " + (r + 1), px, py, COLOURS[r]);
      }
      charts.add(path);
    }
    return charts;
  }

  private static void timeAxis(XYChart chart, double end) {
    chart.getStyler().setXAxisMin(0.0);
    if (end > 0) chart.getStyler().setXAxisMax(end);
  }

  private static String label(Variable v) {
    return v.name() + (v.unit().isEmpty() ? "" : " [" + v.unit() + "]");
  }

  private static double[] times(Trajectory t, int n) {
    double[] x = new double[n];
    for (int k = 0; k < n; k++) x[k] = k * t.spec().dtS();
    return x;
  }

  private static XYChart chart(String title, String xTitle, boolean legend) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(xTitle).build();
    XYStyler s = chart.getStyler();
    chart.getStyler().setLegendVisible(legend);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    s.setPlotGridLinesColor(new Color(0xdddddd));
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleBoxVisible(false);
    s.setToolTipsEnabled(false);
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour) {
    XYSeries s = chart.addSeries(uniqueName(chart, name), x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineWidth(1.6f);
    return s;
  }

  private static String uniqueName(XYChart chart, String name) {
    String candidate = name;
    for (int i = 2; chart.getSeriesMap().containsKey(candidate); i++) candidate = name + " (" + i + ")";
    return candidate;
  }
}
