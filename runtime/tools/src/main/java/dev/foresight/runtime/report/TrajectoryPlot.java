package dev.foresight.runtime.report;

import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Trajectory;
import dev.foresight.sim.Variable;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A picture of simulated runs: one panel per state variable over time, one for the actions
 * (held over each step), one for the reward, and for a plant that moves in a plane (state
 * {@code x} and {@code y}) its path. Several runs of the same plant are overlaid, one colour
 * each. Drawn on a {@link ChartSheet}, saved as PNG or SVG.
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
  private static final List<Color> COLOURS = ChartSheet.COLOURS;

  private TrajectoryPlot() {}

  /**
   * Writes the picture of {@code runs} (the first {@link #MAX_RUNS}) to {@code file}; the format
   * follows the extension ({@code .png} or {@code .svg}).
   *
   * @throws IllegalArgumentException for another extension or no runs
   * @throws IOException              when the file cannot be written
   */
  public static void write(List<Trajectory> runs, String title, Path file) throws IOException {
    sheet(runs, title).write(file);
  }

  /** The picture as an SVG document. */
  public static String svg(List<Trajectory> runs, String title) throws IOException {
    return sheet(runs, title).svg();
  }

  /** The picture as an image. */
  public static BufferedImage png(List<Trajectory> runs, String title) {
    return sheet(runs, title).png();
  }

  private static ChartSheet sheet(List<Trajectory> all, String title) {
    if (all.isEmpty()) throw new IllegalArgumentException("nothing to plot: no runs");
    int runs = Math.min(MAX_RUNS, all.size());
    ChartSheet sheet = new ChartSheet(title, COLUMNS, PANEL_WIDTH, PANEL_HEIGHT);
    if (runs > 1) {                                   // one legend for every panel: run k is colour k
      sheet.header((g, width) -> {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = width - 16 - runs * 64;
        for (int r = 0; r < runs; r++) {
          g.setColor(COLOURS.get(r));
          g.fillRect(x + r * 64, 19, 14, 4);
          g.setColor(new Color(0x222222));
          g.drawString("run " + (r + 1), x + r * 64 + 18, 25);
        }
      });
    }
    charts(sheet, all.subList(0, runs));
    return sheet;
  }

  private static void charts(ChartSheet sheet, List<Trajectory> runs) {
    PlantSpec spec = runs.getFirst().spec();
    boolean several = runs.size() > 1;
    double end = runs.stream().mapToInt(Trajectory::steps).max().orElse(0) * spec.dtS();
    for (int v = 0; v < spec.state().size(); v++) {
      Variable variable = spec.state().get(v);
      XYChart chart = sheet.panel(label(variable), "time [s]", false);
      for (int r = 0; r < runs.size(); r++) {
        Trajectory t = runs.get(r);
        double[] y = new double[t.steps() + 1];
        y[0] = t.initialState()[v];
        for (int k = 0; k < t.steps(); k++) y[k + 1] = t.states()[k][v];
        ChartSheet.line(chart, "run " + (r + 1), times(t, t.steps() + 1), y, COLOURS.get(r));
      }
      timeAxis(chart, end);
    }
    XYChart actions = sheet.panel("action" + (spec.action().size() == 1 ? ": " + label(spec.action().getFirst()) : "s"),
        "time [s]", spec.action().size() > 1);
    for (int r = 0; r < runs.size(); r++) {
      Trajectory t = runs.get(r);
      for (int a = 0; a < spec.action().size(); a++) {
        double[] y = new double[t.steps() + 1];
        for (int k = 0; k < t.steps(); k++) y[k] = t.actions()[k][a];
        if (t.steps() > 0) y[t.steps()] = y[t.steps() - 1];       // hold the last action to the end
        String name = (spec.action().size() > 1 ? label(spec.action().get(a)) : "") + (several ? " run " + (r + 1) : "");
        XYSeries s = ChartSheet.line(actions, name.isBlank() ? "action" : name.trim(), times(t, t.steps() + 1), y,
            COLOURS.get((r + a * (several ? 0 : 1)) % COLOURS.size()));
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step);
        if (a > 0 && several) s.setLineStyle(ChartSheet.DASHED);
      }
    }
    timeAxis(actions, end);
    XYChart reward = sheet.panel("reward per step", "time [s]", false);
    for (int r = 0; r < runs.size(); r++) {
      Trajectory t = runs.get(r);
      double[] x = new double[t.steps()];
      for (int k = 0; k < t.steps(); k++) x[k] = (k + 1) * spec.dtS();
      if (t.steps() > 0) ChartSheet.line(reward, "run " + (r + 1), x, t.rewards().clone(), COLOURS.get(r));
    }
    timeAxis(reward, end);
    int xi = spec.stateIndex("x");
    int yi = spec.stateIndex("y");
    if (xi >= 0 && yi >= 0) {
      XYChart path = sheet.panel("path: y [m] over x [m]", "x [m]", false);
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
        ChartSheet.line(path, "run " + (r + 1), px, py, COLOURS.get(r));
      }
    }
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
}
