package dev.foresight.runtime.report;

import dev.foresight.config.StateVariable;
import dev.foresight.runtime.replay.SimCompare;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The picture of {@code foresight log compare}: per state variable, the recorded value over time
 * with the simulator's open-loop windows over it (a gap at each re-anchoring), and the simulator's
 * RMS error against the horizon (time since the anchor); with a fit, both before and after it.
 *
 * <pre>{@code
 * ComparePlot.write(compare, before, Optional.of(after), "pendulum vs recording", Path.of("compare.png"));
 * }</pre>
 */
public final class ComparePlot {

  /** Most ticks drawn over time; longer recordings are drawn from their start. */
  public static final int MAX_TICKS = 4000;

  private static final Color RECORDED = new Color(0x222222);
  private static final Color BEFORE = ChartSheet.COLOURS.get(1);
  private static final Color AFTER = ChartSheet.COLOURS.get(0);

  private ComparePlot() {}

  /**
   * Writes the picture ({@code .png} or {@code .svg} by the extension).
   *
   * @param before the simulation with the starting parameters
   * @param after  the simulation with the fitted ones, if there was a fit
   */
  public static void write(SimCompare compare, SimCompare.Outcome before, Optional<SimCompare.Outcome> after,
      String title, Path file) throws IOException {
    List<String> vars = compare.variables();
    List<StateVariable> config = compare.run().config().config().state();
    ChartSheet sheet = new ChartSheet(title, 2, 620, 230);
    int n = Math.min(compare.run().size(), MAX_TICKS);
    double period = compare.run().periodNs() * 1e-9;
    double[] time = new double[n];
    for (int t = 0; t < n; t++) time[t] = t * period;
    int s = vars.size();
    int rs = compare.run().stateNames().size();
    for (int k = 0; k < s; k++) {
      StateVariable v = config.get(compare.recordedIndex(k));
      String unit = v.unit() == null || v.unit().isEmpty() ? "" : " [" + v.unit() + "]";
      XYChart over = sheet.panel(vars.get(k) + unit, "time [s]", true);
      double[] rec = new double[n];
      for (int t = 0; t < n; t++) rec[t] = compare.run().state()[t * rs + compare.recordedIndex(k)];
      ChartSheet.line(over, "recorded", time, rec, RECORDED);
      double[][] b = windows(compare, before, k, n, period);
      ChartSheet.line(over, after.isPresent() ? "simulated (start)" : "simulated", b[0], b[1], BEFORE)
          .setLineStyle(ChartSheet.DASHED);
      if (after.isPresent()) {
        double[][] w = windows(compare, after.get(), k, n, period);
        ChartSheet.line(over, "simulated (fitted)", w[0], w[1], AFTER);
      }

      XYChart err = sheet.panel(vars.get(k) + ": RMS error against horizon" + unit, "time since anchor [s]", true);
      err.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);   // errors grow to the right
      int horizons = before.rmseByHorizon()[k].length;
      double[] h = new double[horizons];
      for (int i = 0; i < horizons; i++) h[i] = (i + 1) * period;
      ChartSheet.line(err, after.isPresent() ? "start" : "simulator", h, before.rmseByHorizon()[k], BEFORE);
      if (after.isPresent()) ChartSheet.line(err, "fitted", h, after.get().rmseByHorizon()[k], AFTER);
    }
    sheet.write(file);
  }

  /**
   * Times and simulated values of variable {@code k}, each window drawn from its anchor (the
   * recorded state it starts from), with a gap (NaN) before every anchor but the first.
   */
  private static double[][] windows(SimCompare compare, SimCompare.Outcome o, int k, int n, double period) {
    int s = compare.variables().size();
    int rs = compare.run().stateNames().size();
    double[] x = new double[3 * n];
    double[] y = new double[3 * n];
    int m = 0;
    for (int t = 0; t < n; t++) {
      double sim = o.simulated()[t * s + k];
      if (!Double.isNaN(sim)) {
        x[m] = t * period;
        y[m++] = sim;
      }
      if (compare.anchor(t)) {
        // The window ending here (above), a gap, then the next one from the recorded state.
        x[m] = t * period;
        y[m++] = Double.NaN;
        x[m] = t * period;
        y[m++] = compare.run().state()[t * rs + compare.recordedIndex(k)];
      }
    }
    return new double[][] {java.util.Arrays.copyOf(x, m), java.util.Arrays.copyOf(y, m)};
  }
}
