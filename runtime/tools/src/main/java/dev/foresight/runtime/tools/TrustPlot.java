package dev.foresight.runtime.tools;

import dev.foresight.runtime.report.ChartSheet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The picture of one {@code sim trust} scenario, first episode: each state variable for every arm
 * (nominal plant, changed plant without monitor, with monitor and fallback, adapted), the trust
 * statistic with its threshold, who drove (planner, fallback, stopped) with the model version, and
 * the reward per tick; the change and the first alarm as vertical lines.
 */
final class TrustPlot {

  private static final Color CHANGE = new Color(0x555555);
  private static final Color ALARM = new Color(0xd62728);

  private TrustPlot() {}

  /**
   * @param title     the sheet's title
   * @param names     state variable names
   * @param arms      label to episode, in drawing order (the first: the nominal plant)
   * @param monitored the label of the arm whose statistic, mode and alarm are drawn
   * @param out       .png or .svg
   */
  static void write(String title, List<String> names, Map<String, TrustBench.Episode> arms, String monitored, Path out)
      throws IOException {
    TrustBench.Episode m = arms.get(monitored);
    double dt = m.dtS();
    int steps = m.reward().length;
    double[] t = new double[steps];
    for (int k = 0; k < steps; k++) t[k] = k * dt;
    double changeS = m.changeStep() == Integer.MAX_VALUE ? Double.NaN : m.changeStep() * dt;
    double delay = m.detectionDelayS();
    double alarmS = delay < 0 ? Double.NaN : changeS + delay;
    ChartSheet sheet = new ChartSheet(title, 2, 560, 230);
    List<Color> colours = List.of(Color.GRAY, ChartSheet.COLOURS.get(1), ChartSheet.COLOURS.get(0),
        ChartSheet.COLOURS.get(2));
    for (int i = 0; i < names.size(); i++) {
      XYChart c = panel(sheet, names.get(i) + " (as the sensors read it)", t, true, changeS, alarmS);
      int a = 0;
      for (Map.Entry<String, TrustBench.Episode> e : arms.entrySet()) {
        double[] y = new double[steps];
        for (int k = 0; k < steps; k++) y[k] = e.getValue().state()[k][i];
        XYSeries s = ChartSheet.line(c, e.getKey(), t, y, colours.get(a % colours.size()));
        if (a == 0) s.setLineStyle(ChartSheet.DASHED);
        a++;
      }
    }
    XYChart stat = panel(sheet, "trust statistic / threshold (" + monitored + ")", t, true, changeS, alarmS);
    ChartSheet.line(stat, "CUSUM / h", t, finite(m.trust()), ChartSheet.COLOURS.get(0));
    double[] one = new double[steps];
    java.util.Arrays.fill(one, 1.0);
    ChartSheet.line(stat, "alarm line", t, one, ALARM).setLineStyle(ChartSheet.DASHED);
    XYChart mode = panel(sheet, "mode: 0 planner, 1 fallback, 2 stopped; model version", t,
        true, changeS, alarmS);
    double[] modes = new double[steps];
    double[] versions = new double[steps];
    for (int k = 0; k < steps; k++) {
      modes[k] = m.mode()[k];
      versions[k] = m.version()[k];
    }
    ChartSheet.line(mode, "mode", t, modes, ChartSheet.COLOURS.get(4))
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    XYSeries v = ChartSheet.line(mode, "model version (swaps)", t, versions, ChartSheet.COLOURS.get(2));
    v.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    v.setLineStyle(ChartSheet.DASHED);
    mode.getStyler().setYAxisMin(-0.2);
    mode.getStyler().setYAxisMax(Math.max(2.2, max(versions) + 0.2));
    XYChart reward = panel(sheet, "reward per tick", t, true, changeS, alarmS);
    int a = 0;
    for (Map.Entry<String, TrustBench.Episode> e : arms.entrySet()) {
      XYSeries s = ChartSheet.line(reward, e.getKey(), t, e.getValue().reward(), colours.get(a % colours.size()));
      if (a == 0) s.setLineStyle(ChartSheet.DASHED);
      a++;
    }
    reward.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    sheet.write(out);
  }

  private static XYChart panel(ChartSheet sheet, String title, double[] t, boolean legend, double changeS,
      double alarmS) {
    XYChart c = sheet.panel(title, "time [s]" + lines(changeS, alarmS), legend);
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(t[t.length - 1]);
    c.getStyler().setXAxisDecimalPattern("#0.##");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setAnnotationLineStroke(new BasicStroke(1f));
    if (!Double.isNaN(changeS)) {
      c.getStyler().setAnnotationLineColor(CHANGE);
      c.addAnnotation(new AnnotationLine(changeS, true, false));
    }
    if (!Double.isNaN(alarmS)) c.addAnnotation(new AnnotationLine(alarmS, true, false));
    return c;
  }

  private static String lines(double changeS, double alarmS) {
    List<String> parts = new ArrayList<>();
    if (!Double.isNaN(changeS)) parts.add(String.format(Locale.ROOT, "change at %.2f s", changeS));
    if (!Double.isNaN(alarmS)) parts.add(String.format(Locale.ROOT, "first alarm at %.2f s", alarmS));
    return parts.isEmpty() ? "" : "; vertical lines: " + String.join(", ", parts);
  }

  private static double[] finite(double[] v) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = 0;
    return out;
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) m = Math.max(m, x);
    return m;
  }
}
