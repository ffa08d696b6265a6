package dev.foresight.runtime.tools;

import dev.foresight.runtime.learn.trainer.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The training progress bar: members train in parallel, so the bar shows the share of the epoch
 * budget used (a member that stops early counts as done), the members finished, and the best
 * validation loss so far. On a terminal it redraws in place at most four times a second; otherwise
 * a line is printed at every tenth of the way.
 */
final class TrainingProgress implements ProgressListener {

  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final int members;
  private final double[] done;
  private final int[] epochs;
  private final double[] trainLoss;
  private final double[] validationLoss;
  private final boolean[] stopped;
  private long lastDrawNs;
  private int lastTenth = -1;

  TrainingProgress(PrintWriter out, int members) {
    this.out = out;
    java.io.Console console = System.console();
    this.terminal = console != null && console.isTerminal();
    this.members = members;
    this.done = new double[members];
    this.epochs = new int[members];
    this.trainLoss = new double[members];
    this.validationLoss = new double[members];
    this.stopped = new boolean[members];
    java.util.Arrays.fill(validationLoss, Double.NaN);
  }

  @Override
  public synchronized void epoch(int member, int epoch, int maxEpochs, double train, double validation, boolean stop) {
    done[member] = stop ? 1.0 : (double) epoch / maxEpochs;
    epochs[member] = epoch;
    trainLoss[member] = train;
    validationLoss[member] = Double.isNaN(validationLoss[member]) ? validation : Math.min(validationLoss[member], validation);
    stopped[member] = stop;
    double fraction = 0;
    int finished = 0;
    for (int m = 0; m < members; m++) {
      fraction += done[m] / members;
      if (stopped[m]) finished++;
    }
    long now = System.nanoTime();
    int tenth = (int) Math.floor(fraction * 10);
    boolean last = finished == members;
    if (terminal) {
      if (!last && now - lastDrawNs < 250_000_000L) return;
      lastDrawNs = now;
      out.print("\r\033[2K" + line(fraction, finished, member, train));
      if (last) out.println();
    } else {
      if (tenth == lastTenth && !last) return;
      lastTenth = tenth;
      out.println(line(fraction, finished, member, train));
    }
    out.flush();
  }

  private String line(double fraction, int finished, int member, double train) {
    int filled = (int) Math.round(fraction * WIDTH);
    double best = Double.POSITIVE_INFINITY;
    for (double v : validationLoss) if (!Double.isNaN(v)) best = Math.min(best, v);
    return String.format(Locale.ROOT, "  [%s%s] %3.0f%%  members done %d/%d  epoch %d  loss %.3g  best validation %.3g",
        "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, finished, members, epochs[member], train, best);
  }
}
