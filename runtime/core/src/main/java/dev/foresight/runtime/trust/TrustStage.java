package dev.foresight.runtime.trust;

import dev.foresight.config.Angles;
import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.trust.TrustMonitor;
import dev.foresight.models.world.WorldModel;
import java.util.Optional;

/**
 * The world model watched every tick, on the control thread: after the act phase the model predicts
 * the next state from this tick's state and the action actually applied; in the next tick's estimate
 * phase that prediction is set beside the state that came, into the tick's frame (the one prediction
 * the recorder and the link read), and the {@link TrustMonitor}, when the model is calibrated, judges
 * it. The verdict reaches the failsafe ladder in the same tick.
 *
 * <p>Why on the control thread: the verdict changes what the robot does (the fallback takes over),
 * so it must be a deterministic function of the tick's inputs, as everything else in the tick is,
 * and must not wait for another thread. A batch-1 call of the shipped 5-member ensembles takes
 * about 25 to 40 us, against a 50 ms period at 20 Hz. Allocation-free once warm.
 *
 * <pre>{@code
 * boolean valid = stage.compare(tick, state, predicted, spread);   // estimate phase
 * if (stage.alarmed()) ...                                          // stage.channel(), stage.statistic()
 * stage.predict(tick, state, applied);                              // after act
 * }</pre>
 */
public final class TrustStage implements AutoCloseable {

  /** No world model: nothing predicted, nothing judged. */
  public static final TrustStage NONE = new TrustStage(null, "", null, new String[0], new boolean[0], 0);

  private final WorldModel model;
  private final String label;
  private final TrustMonitor monitor;
  private final String[] names;
  private final boolean[] wrapped;
  private final float[] state;
  private final float[] action;
  private final float[] next;
  private final float[] members;
  private final double[] predictedNext;
  private final double[] modelNext;
  private final double[] spreadNext;
  private final double[] stateNow;
  private final double[] appliedNow;
  private final double[] appliedBefore;
  private long predictedForTick = -1;
  private ResidualCorrection correction;
  private int correctionVersion;
  private Adaptation adaptation;
  private boolean compared;
  private long alarms;
  private boolean alarmed;
  private double statistic = Double.NaN;
  private String channel = "";

  /**
   * @param model      the model, batch 1 (owned: closed with the stage), or null for {@link #NONE}
   * @param label      what the model is (file name, or the simulator)
   * @param monitor    the monitor of a calibrated model, or null (predictions only; a non-finite
   *                   prediction still alarms)
   * @param names      the state variables' names
   * @param wrapped    per state variable: an angle
   * @param actionSize action variables
   */
  public TrustStage(WorldModel model, String label, TrustMonitor monitor, String[] names, boolean[] wrapped,
      int actionSize) {
    if (model != null && model.batch() != 1) throw new IllegalArgumentException("the trust stage needs a batch-1 model");
    this.model = model;
    this.label = label;
    this.monitor = monitor;
    this.names = names.clone();
    this.wrapped = wrapped.clone();
    int s = wrapped.length;
    this.state = new float[s];
    this.action = new float[actionSize];
    this.next = new float[s];
    this.members = model != null && model.members() > 1 ? new float[model.members() * s] : null;
    this.predictedNext = new double[s];
    this.modelNext = new double[s];
    this.spreadNext = new double[s];
    this.stateNow = new double[s];
    this.appliedNow = new double[actionSize];
    this.appliedBefore = new double[actionSize];
  }

  /** Whether there is a world model (predictions are made). */
  public boolean predicts() {
    return model != null;
  }

  /** Whether the predictions are judged (the model is calibrated, or thresholds were given). */
  public boolean monitors() {
    return monitor != null;
  }

  /** What the model is. */
  public String label() {
    return label;
  }

  /** Ensemble members (1 for a single model, 0 without one). */
  public int members() {
    return model == null ? 0 : model.members();
  }

  /** The monitor, when the predictions are judged. */
  public Optional<TrustMonitor> monitor() {
    return Optional.ofNullable(monitor);
  }

  /**
   * Estimate phase: sets the prediction made last tick for this one beside the state that came, and
   * judges it ({@link #alarmed()}, {@link #statistic()}, {@link #channel()}): with a monitor by its
   * statistic; without one, a NaN or infinite prediction or spread still alarms (statistic infinite).
   *
   * @return false when there is no prediction for this tick (no model; the first tick; a new episode)
   */
  public boolean compare(long tick, double[] x, double[] predictedOut, double[] spreadOut) {
    alarmed = false;
    statistic = monitor == null ? Double.NaN : 0.0;
    channel = "";
    compared = false;
    if (model == null || predictedForTick != tick) return false;
    compared = true;
    System.arraycopy(predictedNext, 0, predictedOut, 0, predictedNext.length);
    System.arraycopy(spreadNext, 0, spreadOut, 0, spreadNext.length);
    if (monitor != null) {
      alarmed = monitor.observe(x, predictedNext, spreadNext);
      statistic = monitor.statistic();
      channel = monitor.channelName(monitor.channel());
    } else {
      for (int i = 0; i < names.length; i++) {
        if (!Double.isFinite(predictedNext[i]) || !Double.isFinite(spreadNext[i])) {
          alarmed = true;
          statistic = Double.POSITIVE_INFINITY;
          channel = names[i];
          break;
        }
      }
    }
    if (alarmed) alarms++;
    return true;
  }

  /** The monitor's threshold {@code h} (NaN without a monitor). */
  public double threshold() {
    return monitor == null ? Double.NaN : monitor.threshold();
  }

  /** Whether the latest {@link #compare} raised an alarm. */
  public boolean alarmed() {
    return alarmed;
  }

  /** The monitor's statistic relative to its threshold after the latest compare (NaN without a monitor). */
  public double statistic() {
    return statistic;
  }

  /** The channel with the largest statistic after the latest compare, or empty. */
  public String channel() {
    return channel;
  }

  /** After the act phase: predicts the state of {@code tick + 1} from this tick's state and applied action. */
  public void predict(long tick, double[] x, double[] applied) {
    if (model == null) return;
    for (int i = 0; i < state.length; i++) state[i] = (float) x[i];
    for (int j = 0; j < action.length; j++) action[j] = (float) applied[j];
    model.step(state, action, next, members);
    int s = state.length;
    for (int i = 0; i < s; i++) predictedNext[i] = next[i];
    if (adaptation != null) {
      for (int i = 0; i < s; i++) modelNext[i] = wrapped[i] ? Angles.wrap(next[i]) : next[i];
      adaptation.handOver(tick, compared, alarmed, correctionVersion, x, applied, appliedBefore, modelNext);
    }
    if (correction != null) {
      System.arraycopy(x, 0, stateNow, 0, s);
      System.arraycopy(applied, 0, appliedNow, 0, appliedNow.length);
      correction.apply(stateNow, appliedNow, appliedBefore, predictedNext);
    }
    for (int i = 0; i < s; i++) {
      if (wrapped[i]) predictedNext[i] = Angles.wrap(predictedNext[i]);
      double spread = 0;
      if (members != null) {
        // Spread around the ensemble mean, angles the short way round.
        int e = members.length / s;
        double sum = 0;
        for (int m = 0; m < e; m++) {
          double d = members[m * s + i] - next[i];
          if (wrapped[i]) d = Angles.wrap(d);
          sum += d * d;
        }
        spread = Math.sqrt(sum / e);
      }
      spreadNext[i] = spread;
    }
    System.arraycopy(applied, 0, appliedBefore, 0, appliedBefore.length);
    predictedForTick = tick + 1;
  }

  /**
   * Control thread, between ticks: predictions from now on add {@code c} (null: the model alone),
   * recorded as {@code version}. The adaptation that learns corrections hands them over here.
   */
  public void useCorrection(ResidualCorrection c, int version) {
    correction = c;
    correctionVersion = version;
  }

  /**
   * Learns corrections online with {@code a} (set once, at assembly): every tick goes to its learner,
   * and {@link #adapt} swaps and rolls back. Owned from here: closed with the stage.
   */
  public void adaptWith(Adaptation a) {
    this.adaptation = a;
  }

  /** The online adaptation, when {@code trust.adaptation} is on. */
  public Optional<Adaptation> adaptation() {
    return Optional.ofNullable(adaptation);
  }

  /**
   * Estimate phase, after {@link #compare}: with adaptation on, swaps in a correction the gate
   * passed, or rolls the latest swap back when this tick alarmed within the rollback window.
   */
  public void adapt(long nowNs, long tick) {
    if (adaptation != null) adaptation.afterCompare(this, nowNs, tick, alarmed, channel);
  }

  /** The monitor's statistic starts again from zero (a swap: the model it judged is gone). */
  void restartMonitor() {
    if (monitor != null) monitor.reset();
  }

  /**
   * Whether this tick's {@link #adapt} swapped in a correction that predicts the recent held-out
   * ticks about as well as the model did its calibration data: a {@code model_untrusted} fault may
   * end now rather than after the hysteresis (the model it was about no longer plans).
   */
  public boolean swappedTrusted() {
    return adaptation != null && adaptation.swappedTrusted();
  }

  /** Starts the adaptation's learner thread, if any. */
  public void start() {
    if (adaptation != null) adaptation.start();
  }

  /** The correction version in use (0: the model alone). */
  public int correctionVersion() {
    return correctionVersion;
  }

  /** Alarms so far. */
  public long alarms() {
    return alarms;
  }

  /** Forgets the pending prediction and the monitor's history (a new episode). */
  public void reset() {
    predictedForTick = -1;
    if (monitor != null) monitor.reset();
  }

  @Override
  public void close() {
    if (adaptation != null) adaptation.close();
    if (model != null) model.close();
  }
}
