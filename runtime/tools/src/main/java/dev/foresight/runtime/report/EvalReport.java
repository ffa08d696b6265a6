package dev.foresight.runtime.report;

import dev.foresight.models.eval.OpenLoop;
import dev.foresight.runtime.learn.Evaluation;
import dev.foresight.runtime.report.ChartSheet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The evaluation as a Markdown report with PNG plots: k-step error per state variable against the
 * horizon (recorded actions solid, counterfactual random actions dashed; one colour per model),
 * ensemble calibration against the horizon, and one example rollout next to the truth.
 */
public final class EvalReport {

  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 260;
  private static final List<Color> COLOURS = ChartSheet.COLOURS;
  private static final BasicStroke DASHED = ChartSheet.DASHED;
  /** Horizons the tables show. */
  static final int[] TABLE_STEPS = {1, 5, 10, 25, 50};

  private EvalReport() {}

  /** Writes {@code report.md}, {@code kstep-error.png}, {@code calibration.png} and {@code example-rollout.png} into {@code dir}. */
  public static Path write(Evaluation.Report r, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> pictures = new ArrayList<>();
    kstep(r, new ChartSheet("k-step prediction error (RMSE) against the horizon; dashed: random actions", 2, PANEL_WIDTH,
        PANEL_HEIGHT)).write(dir.resolve("kstep-error.png"));
    pictures.add("kstep-error.png");
    ChartSheet calibration = calibration(r, new ChartSheet(
        "ensemble calibration: share of the truth inside the members' 1 and 2 sd", 2, PANEL_WIDTH, PANEL_HEIGHT));
    if (calibration.panels() > 0) {
      calibration.write(dir.resolve("calibration.png"));
      pictures.add("calibration.png");
    }
    example(r, new ChartSheet("one open-loop rollout on recorded actions, against the recording", 2, PANEL_WIDTH,
        PANEL_HEIGHT)).write(dir.resolve("example-rollout.png"));
    pictures.add("example-rollout.png");
    Path md = dir.resolve("report.md");
    Files.writeString(md, markdown(r, pictures));
    return md;
  }

  static String markdown(Evaluation.Report r, List<String> pictures) {
    StringBuilder b = new StringBuilder();
    List<String> names = r.data().stateNames();
    b.append("# World model evaluation\n\n");
    b.append(String.format(Locale.ROOT, "Data: %d ticks in %d segments from %s; %d start states, horizon %d steps "
            + "(%.3g s each). Data hash `%s`.%n%n", r.data().ticks(), r.data().segments().size(),
        String.join(", ", r.data().files().stream().map(f -> "`" + f.file().getFileName() + "`").toList()), r.starts(),
        r.horizon(), r.data().dtS(), r.data().sha256()));
    b.append("| model | quantization | members | size | trained on |\n|---|---|---|---|---|\n");
    for (Evaluation.ModelResult m : r.models()) {
      b.append(String.format(Locale.ROOT, "| `%s` | %s | %d | %.1f kB | `%s` |%n", m.file().getFileName(),
          m.metadata().quantization(), m.members(), m.bytes() / 1000.0, shortHash(m.metadata().trainedOn())));
    }
    b.append("\n## Open-loop error on the recorded actions\n\n");
    b.append("RMSE of the prediction after h steps without seeing the true state (angles the short way round).\n\n");
    table(b, r, names, false);
    ratio(b, r, names);
    b.append("\n## Counterfactual: actions the logging policy did not take\n\n").append(r.counterfactualNote()).append(".\n\n");
    if (r.models().stream().anyMatch(m -> m.counterfactual().isPresent())) table(b, r, names, true);
    b.append("\n## Ensemble calibration\n\n");
    b.append("Share of the true states inside the members' mean +- 1 sd and +- 2 sd (a calibrated Gaussian: 68.3% "
        + "and 95.4%), members rolled out on their own; averaged over the state variables.\n\n");
    b.append("| model | h | within 1 sd | within 2 sd | mean spread per variable |\n|---|---|---|---|---|\n");
    for (Evaluation.ModelResult m : r.models()) {
      if (m.members() < 2) {
        b.append("| `").append(m.name()).append("` | | single model: no spread | | |\n");
        continue;
      }
      for (int h : TABLE_STEPS) {
        if (h > r.horizon()) continue;
        StringBuilder spread = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
          spread.append(i > 0 ? ", " : "").append(names.get(i)).append(' ')
              .append(String.format(Locale.ROOT, "%.3g", m.recorded().spread()[h - 1][i]));
        }
        b.append(String.format(Locale.ROOT, "| `%s` | %d | %.1f%% | %.1f%% | %s |%n", m.name(), h,
            100 * m.recorded().coverage1(h), 100 * m.recorded().coverage2(h), spread));
      }
    }
    b.append("\n## Latency of one call\n\n| model | batch 1 median | batch 1 p99 | batch | median | p99 |\n|---|---|---|---|---|---|\n");
    for (Evaluation.ModelResult m : r.models()) {
      Evaluation.Latency l = m.latency();
      b.append(String.format(Locale.ROOT, "| `%s` | %.1f us | %.1f us | %d | %.1f us | %.1f us |%n", m.name(),
          l.batch1Median(), l.batch1P99(), l.batch(), l.batchMedian(), l.batchP99()));
    }
    b.append("\n## Plots\n\n");
    for (String p : pictures) b.append("![").append(p).append("](").append(p).append(")\n\n");
    return b.toString();
  }

  private static void table(StringBuilder b, Evaluation.Report r, List<String> names, boolean counterfactual) {
    b.append("| model | variable |");
    for (int h : TABLE_STEPS) if (h <= r.horizon()) b.append(" h=").append(h).append(" |");
    b.append("\n|---|---|");
    for (int h : TABLE_STEPS) if (h <= r.horizon()) b.append("---|");
    b.append('\n');
    for (Evaluation.ModelResult m : r.models()) {
      OpenLoop.Result o = counterfactual ? m.counterfactual().orElse(null) : m.recorded();
      if (o == null) continue;
      for (int i = 0; i < names.size(); i++) {
        b.append("| `").append(m.name()).append("` | ").append(names.get(i)).append(" |");
        for (int h : TABLE_STEPS) {
          if (h <= r.horizon()) b.append(String.format(Locale.ROOT, " %.3g |", o.rmse(h, i)));
        }
        b.append('\n');
      }
    }
  }

  /** int8 / fp32 error ratios at h = 10 for models that differ only in quantization. */
  private static void ratio(StringBuilder b, Evaluation.Report r, List<String> names) {
    Map<String, String> ratios = ratios(r, Math.min(10, r.horizon()));
    if (ratios.isEmpty()) return;
    b.append(String.format(Locale.ROOT, "%nint8 / fp32 error at h = %d: ", Math.min(10, r.horizon())));
    b.append(String.join("; ", ratios.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    b.append(".\n");
  }

  /** For each int8 model with an fp32 twin trained on the same data: per-variable error ratios at step h. */
  public static Map<String, String> ratios(Evaluation.Report r, int h) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Evaluation.ModelResult q : r.models()) {
      if (!q.metadata().quantization().equals("int8")) continue;
      for (Evaluation.ModelResult f : r.models()) {
        if (!f.metadata().quantization().equals("fp32") || !f.metadata().trainedOn().equals(q.metadata().trainedOn())) continue;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < r.data().stateNames().size(); i++) {
          parts.add(r.data().stateNames().get(i) + String.format(Locale.ROOT, " %.2f",
              q.recorded().rmse(h, i) / f.recorded().rmse(h, i)));
        }
        out.put(q.name() + " / " + f.name(), String.join(", ", parts));
      }
    }
    return out;
  }

  private static String shortHash(String h) {
    return h.length() > 19 ? h.substring(0, 19) + "..." : h;
  }

  private static ChartSheet kstep(Evaluation.Report r, ChartSheet sheet) {
    double[] steps = steps(r.horizon());
    for (int i = 0; i < r.data().stateNames().size(); i++) {
      XYChart c = sheet.panel(r.data().stateNames().get(i) + ": RMSE", "steps ahead", true);
      c.getStyler().setYAxisLogarithmic(true);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
      for (int k = 0; k < r.models().size(); k++) {
        Evaluation.ModelResult m = r.models().get(k);
        Color colour = COLOURS.get(k % COLOURS.size());
        line(c, m.name(), steps, column(m.recorded().rmse(), i), colour, null);
        if (m.counterfactual().isPresent()) {
          line(c, m.name() + ", random actions", steps, column(m.counterfactual().get().rmse(), i), colour, DASHED);
        }
      }
    }
    return sheet;
  }

  private static ChartSheet calibration(Evaluation.Report r, ChartSheet sheet) {
    double[] steps = steps(r.horizon());
    for (int k = 0; k < r.models().size(); k++) {
      Evaluation.ModelResult m = r.models().get(k);
      if (m.members() < 2) continue;
      XYChart c = sheet.panel(m.name() + ": share within 1 and 2 sd", "steps ahead", true);
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setYAxisMax(1.0);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
      double[] one = new double[r.horizon()];
      double[] two = new double[r.horizon()];
      for (int h = 1; h <= r.horizon(); h++) {
        one[h - 1] = m.recorded().coverage1(h);
        two[h - 1] = m.recorded().coverage2(h);
      }
      line(c, "within 1 sd", steps, one, COLOURS.get(0), null);
      line(c, "within 2 sd", steps, two, COLOURS.get(1), null);
      line(c, "ideal 68.3%", steps, constant(r.horizon(), 0.683), COLOURS.get(0), DASHED);
      line(c, "ideal 95.4%", steps, constant(r.horizon(), 0.954), COLOURS.get(1), DASHED);
    }
    return sheet;
  }

  private static ChartSheet example(Evaluation.Report r, ChartSheet sheet) {
    int s = r.data().stateNames().size();
    double[] steps = steps(r.horizon());
    for (int i = 0; i < s; i++) {
      XYChart c = sheet.panel(r.data().stateNames().get(i), "steps ahead", true);
      c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      Evaluation.ModelResult first = r.models().getFirst();
      line(c, "recorded", steps, every(first.recorded().exampleTruth(), i, s), Color.BLACK, null);
      for (int k = 0; k < r.models().size(); k++) {
        Evaluation.ModelResult m = r.models().get(k);
        line(c, m.name(), steps, every(m.recorded().example(), i, s), COLOURS.get(k % COLOURS.size()), DASHED);
      }
    }
    return sheet;
  }

  private static double[] steps(int horizon) {
    double[] x = new double[horizon];
    for (int h = 0; h < horizon; h++) x[h] = h + 1;
    return x;
  }

  private static double[] constant(int n, double v) {
    double[] y = new double[n];
    java.util.Arrays.fill(y, v);
    return y;
  }

  private static double[] column(double[][] rows, int i) {
    double[] y = new double[rows.length];
    for (int h = 0; h < rows.length; h++) y[h] = Math.max(rows[h][i], 1e-12);   // log axis: no zeros
    return y;
  }

  private static double[] every(double[] flat, int i, int s) {
    double[] y = new double[flat.length / s];
    for (int h = 0; h < y.length; h++) y[h] = flat[h * s + i];
    return y;
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color colour, BasicStroke stroke) {
    XYSeries s = ChartSheet.line(chart, name, x, y, colour);
    if (stroke != null) s.setLineStyle(stroke);
  }
}
