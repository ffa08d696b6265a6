package dev.foresight.runtime.trust;

import dev.foresight.config.Angles;
import dev.foresight.config.TrustConfig;
import dev.foresight.models.trust.CorrectionWeights;
import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.world.WorldModel;
import dev.foresight.runtime.agent.Agent;
import dev.foresight.runtime.handoff.SeqLock;
import dev.foresight.runtime.handoff.SpscRing;
import java.util.Locale;

/**
 * The online adaptation's learner, an {@link Agent} off the control thread
 * ({@code foresight-adaptation}): it drains the ticks the control thread hands over, fits the
 * candidate {@link ResidualCorrection} by RLS on all but every {@code holdout_every}-th tick, and
 * every quarter second asks the {@link Gate gate} whether the candidate may plan; a passed candidate
 * goes to the control thread as a {@link Proposal}, which swaps it in at the start of its next tick.
 *
 * <p>What it keeps, all preallocated: a history of the last {@code window_s + horizon} ticks (for
 * the held-out one-step and horizon errors), and up to {@link #NOMINAL_TICKS} held-out transitions
 * from before the first {@code model_untrusted} alarm (the nominal reference; those of the last
 * {@link #NOMINAL_GUARD_S} s before the alarm are left out, as the plant may already have changed
 * then). At the first alarm of a burst (none in the {@code window_s} before) the candidate's
 * covariance goes back to its prior: the ticks before were another regime, and the new ones should
 * move the weights as fast as at the start. The shadow period restarts then, and after every swap
 * and rollback.
 *
 * <p>Errors are measured in the calibration's residual scales (the model's own nominal one-step
 * RMS per variable), so 1.0 is what the model does on data like its calibration data. Allocation-free
 * except for the text of a passed proposal.
 */
final class Learner implements Agent {

  /** Held-out nominal transitions kept (at 20 Hz and holdout_every 3: the last 150 s before the first alarm). */
  static final int NOMINAL_TICKS = 1000;
  /** Nominal transitions this close before the first alarm are left out of the reference. */
  static final double NOMINAL_GUARD_S = 2.0;
  /** Most horizon windows evaluated per gate check. */
  static final int WINDOWS = 16;
  /** Fewest held-out ticks (one step) and windows (horizon) the gate judges on. */
  static final int MIN_HELD_OUT = 4;
  static final int MIN_WINDOWS = 3;
  private static final int DRAIN_LIMIT = 256;

  private final SpscRing<AdaptationTick> ring;
  private final PublishedCorrection published;
  private final SeqLock<Proposal> proposals;
  private final WorldModel rollout;   // batch 2 x WINDOWS, null: no horizon check possible
  private final boolean[] wrapped;
  private final double[] scale;
  private final int s;
  private final int a;
  private final int horizon;
  private final int holdoutEvery;
  private final long shadowTicks;
  private final int windowTicks;
  private final int evaluateEvery;
  private final long guardTicks;
  private final double periodS;
  private final Gate gate;
  private final ResidualCorrection candidate;
  private final ResidualCorrection current;
  private final CorrectionWeights currentRead;
  private final Proposal proposal;

  // history, indexed by tick modulo capacity
  private final int capacity;
  private final long[] hTick;
  private final boolean[] hContinues;
  private final double[] hState;
  private final double[] hApplied;
  private final double[] hBefore;
  private final double[] hModel;

  // nominal held-out transitions (ring), frozen at the first alarm
  private final long[] nTick;
  private final double[] nState;
  private final double[] nApplied;
  private final double[] nBefore;
  private final double[] nModel;
  private final double[] nNext;
  private int nominalCount;
  private int nominalNext;
  private long nominalUntil = Long.MAX_VALUE;

  // scratch
  private final double[] x;
  private final double[] u;
  private final double[] uBefore;
  private final double[] predicted;
  private final double[] xNext;
  private final float[] rState;
  private final float[] rAction;
  private final float[] rBefore;
  private final float[] rNext;
  private final long[] starts;

  private long latest = -1;
  private long lastAlarm = Long.MIN_VALUE;
  private long shadowStart = -1;
  private boolean alarmSeen;
  private int active;
  private int pending;
  private int lastVersion;
  private long lastEvaluated = Long.MIN_VALUE / 2;
  private long learned;
  private long heldOut;

  /**
   * @param ring       ticks from the control thread (this is its consumer)
   * @param published  the correction in force (read to judge candidates against it)
   * @param proposals  passed candidates to the control thread (this is its writer)
   * @param rollout    the model with batch {@code 2 * WINDOWS}, for the horizon errors (owned: closed with this)
   * @param wrapped    per state variable: an angle
   * @param actionSize action variables
   * @param scale      per state variable, the calibrated residual scale errors are measured in
   * @param settings   {@code trust.adaptation}
   * @param rateHz     loop rate
   * @param horizon    the planner's horizon, steps
   */
  Learner(SpscRing<AdaptationTick> ring, PublishedCorrection published, SeqLock<Proposal> proposals, WorldModel rollout,
      boolean[] wrapped, int actionSize, double[] scale, TrustConfig.Adaptation settings, int rateHz, int horizon) {
    if (rollout != null && rollout.batch() != 2 * WINDOWS) {
      throw new IllegalArgumentException("the learner's rollout model needs batch " + 2 * WINDOWS);
    }
    this.ring = ring;
    this.published = published;
    this.proposals = proposals;
    this.rollout = rollout;
    this.wrapped = wrapped.clone();
    this.scale = scale.clone();
    this.s = wrapped.length;
    this.a = actionSize;
    this.horizon = horizon;
    this.holdoutEvery = settings.holdoutEvery();
    this.periodS = 1.0 / rateHz;
    this.shadowTicks = Math.round(settings.shadowS() * rateHz);
    this.windowTicks = (int) Math.max(1, Math.round(settings.windowS() * rateHz));
    this.evaluateEvery = Math.max(1, rateHz / 4);
    this.guardTicks = Math.round(NOMINAL_GUARD_S * rateHz);
    this.gate = new Gate(settings.minImprovement(), settings.nominalMargin());
    ResidualCorrection.Settings rls = ResidualCorrection.Settings.of(settings);
    this.candidate = new ResidualCorrection(wrapped, actionSize, rls);
    this.current = new ResidualCorrection(wrapped, actionSize, rls);
    this.currentRead = new CorrectionWeights(candidate.weightCount());
    this.proposal = new Proposal(candidate.weightCount());
    this.capacity = windowTicks + horizon + 2;
    this.hTick = new long[capacity];
    java.util.Arrays.fill(hTick, -1);
    this.hContinues = new boolean[capacity];
    this.hState = new double[capacity * s];
    this.hApplied = new double[capacity * a];
    this.hBefore = new double[capacity * a];
    this.hModel = new double[capacity * s];
    this.nTick = new long[NOMINAL_TICKS];
    this.nState = new double[NOMINAL_TICKS * s];
    this.nApplied = new double[NOMINAL_TICKS * a];
    this.nBefore = new double[NOMINAL_TICKS * a];
    this.nModel = new double[NOMINAL_TICKS * s];
    this.nNext = new double[NOMINAL_TICKS * s];
    this.x = new double[s];
    this.u = new double[a];
    this.uBefore = new double[a];
    this.predicted = new double[s];
    this.xNext = new double[s];
    int b = 2 * WINDOWS;
    this.rState = new float[b * s];
    this.rAction = new float[b * a];
    this.rBefore = new float[b * a];
    this.rNext = new float[b * s];
    this.starts = new long[WINDOWS];
  }

  @Override
  public int doWork(long nowNs) {
    int n = 0;
    for (AdaptationTick t; n < DRAIN_LIMIT && (t = ring.peek()) != null; n++) {
      take(t);
      ring.release();
    }
    if (n > 0 && latest - lastEvaluated >= evaluateEvery) {
      lastEvaluated = latest;
      evaluate();
    }
    return n;
  }

  private void take(AdaptationTick t) {
    long tick = t.tick;
    int i = index(tick);
    hTick[i] = tick;
    hContinues[i] = t.continues;
    System.arraycopy(t.state, 0, hState, i * s, s);
    System.arraycopy(t.applied, 0, hApplied, i * a, a);
    System.arraycopy(t.appliedBefore, 0, hBefore, i * a, a);
    System.arraycopy(t.modelNext, 0, hModel, i * s, s);
    latest = tick;
    if (shadowStart < 0) shadowStart = tick;
    if (t.version != active) {
      // A swap of the proposal (a new shadow for the next candidate) or a rollback (the same).
      if (t.version == pending) pending = 0;
      active = t.version;
      shadowStart = tick;
    }
    if (t.alarm) {
      if (!alarmSeen) {
        alarmSeen = true;
        nominalUntil = tick - guardTicks;
      }
      if (lastAlarm == Long.MIN_VALUE || tick - lastAlarm > windowTicks) {
        candidate.resetCovariance();
        shadowStart = tick;
      }
      lastAlarm = tick;
    }
    long before = tick - 1;
    if (!t.continues || hTick[index(before)] != before) return;
    // The transition of the tick before is complete: learn from it, or hold it out.
    int j = index(before);
    if (before % holdoutEvery == 0) {
      heldOut++;
      if (!alarmSeen) keepNominal(before, j, i);
    } else if (candidate.update(slice(hState, j, s, x), slice(hApplied, j, a, u), slice(hBefore, j, a, uBefore),
        slice(hModel, j, s, predicted), slice(hState, i, s, xNext))) {
      learned++;
    }
  }

  private void keepNominal(long tick, int from, int to) {
    int k = nominalNext;
    nTick[k] = tick;
    System.arraycopy(hState, from * s, nState, k * s, s);
    System.arraycopy(hApplied, from * a, nApplied, k * a, a);
    System.arraycopy(hBefore, from * a, nBefore, k * a, a);
    System.arraycopy(hModel, from * s, nModel, k * s, s);
    System.arraycopy(hState, to * s, nNext, k * s, s);
    nominalNext = (k + 1) % NOMINAL_TICKS;
    nominalCount = Math.min(nominalCount + 1, NOMINAL_TICKS);
  }

  private int index(long tick) {
    return (int) Math.floorMod(tick, (long) capacity);
  }

  private static double[] slice(double[] from, int row, int width, double[] into) {
    System.arraycopy(from, row * width, into, 0, width);
    return into;
  }

  /** Whether the transition from {@code tick} to the next is in the history. */
  private boolean transition(long tick) {
    return tick >= 0 && hTick[index(tick)] == tick && hTick[index(tick + 1)] == tick + 1 && hContinues[index(tick + 1)];
  }

  private void evaluate() {
    Gate.Check c = gate.check;
    c.clear();
    if (pending != 0) {
      c.refused = "a proposal is pending";
      return;
    }
    if (latest - shadowStart < shadowTicks || candidate.updates() < 2L * candidate.features()) {
      c.refused = "in the shadow";
      return;
    }
    if (active != 0) {
      if (!published.read(currentRead) || currentRead.version != active) return;   // a swap under way: next time
      current.setWeights(currentRead.weights);
    }
    c.shadowS = (latest - shadowStart) * periodS;
    oneStep(c);
    horizonErrors(c);
    nominal(c);
    c.candidateFinite = candidate.finite();
    if (gate.passes()) propose(c);
  }

  /** One-step errors on the held-out ticks of the last window, current model vs candidate. */
  private void oneStep(Gate.Check c) {
    double sumCurrent = 0;
    double sumCandidate = 0;
    int n = 0;
    for (long t = latest - windowTicks; t < latest; t++) {
      if (t % holdoutEvery != 0 || !transition(t)) continue;
      int i = index(t);
      int next = index(t + 1);
      sumCurrent += oneStepError(active != 0 ? current : null, hState, hApplied, hBefore, hModel, i, hState, next);
      sumCandidate += oneStepError(candidate, hState, hApplied, hBefore, hModel, i, hState, next);
      n++;
    }
    c.heldOut = n;
    c.oneStepCurrent = n > 0 ? Math.sqrt(sumCurrent / n) : Double.NaN;
    c.oneStepCandidate = n > 0 ? Math.sqrt(sumCandidate / n) : Double.NaN;
  }

  /** The squared normalized one-step error of model + {@code correction} (null: the model alone) on one transition. */
  private double oneStepError(ResidualCorrection correction, double[] states, double[] applied, double[] before,
      double[] model, int row, double[] nextStates, int nextRow) {
    slice(states, row, s, x);
    slice(applied, row, a, u);
    slice(before, row, a, uBefore);
    slice(model, row, s, predicted);
    if (correction != null) correction.apply(x, u, uBefore, predicted);
    double sum = 0;
    for (int v = 0; v < s; v++) {
      double e = nextStates[nextRow * s + v] - predicted[v];
      if (wrapped[v]) e = Angles.wrap(e);
      e /= scale[v];
      sum += e * e;
    }
    return sum;
  }

  /**
   * Errors over the planner's horizon: from held-out ticks whose next {@code horizon} ticks are all
   * in the history, the model + current correction and the model + candidate roll the recorded
   * actions forward side by side in one batch; the error is the RMS over every step of every window.
   */
  private void horizonErrors(Gate.Check c) {
    c.windows = 0;
    if (rollout == null || horizon <= 0) return;
    int w = 0;
    for (long t = latest - horizon; t >= latest - horizon - windowTicks && w < WINDOWS; t--) {
      if (t < 0 || t % holdoutEvery != 0 || !contiguous(t, horizon)) continue;
      starts[w++] = t;
    }
    c.windows = w;
    if (w < MIN_WINDOWS) return;
    int half = WINDOWS;
    for (int row = 0; row < 2 * half; row++) {
      long t = starts[Math.min(row % half, w - 1)];
      int i = index(t);
      for (int v = 0; v < s; v++) rState[row * s + v] = (float) hState[i * s + v];
      for (int j = 0; j < a; j++) rBefore[row * a + j] = (float) hBefore[i * a + j];
    }
    double sumCurrent = 0;
    double sumCandidate = 0;
    for (int step = 0; step < horizon; step++) {
      for (int row = 0; row < 2 * half; row++) {
        int i = index(starts[Math.min(row % half, w - 1)] + step);
        for (int j = 0; j < a; j++) rAction[row * a + j] = (float) hApplied[i * a + j];
      }
      rollout.step(rState, rAction, rNext, null);
      if (active != 0) current.applyBatch(0, half, rState, rAction, rBefore, rNext);
      candidate.applyBatch(half, half, rState, rAction, rBefore, rNext);
      for (int k = 0; k < w; k++) {
        int truth = index(starts[k] + step + 1);
        sumCurrent += rowError(k, truth);
        sumCandidate += rowError(half + k, truth);
      }
      System.arraycopy(rNext, 0, rState, 0, rNext.length);
      System.arraycopy(rAction, 0, rBefore, 0, rAction.length);
    }
    double n = (double) w * horizon;
    c.horizonCurrent = Math.sqrt(sumCurrent / n);
    c.horizonCandidate = Math.sqrt(sumCandidate / n);
  }

  private double rowError(int row, int truth) {
    double sum = 0;
    for (int v = 0; v < s; v++) {
      double e = hState[truth * s + v] - rNext[row * s + v];
      if (wrapped[v]) e = Angles.wrap(e);
      e /= scale[v];
      sum += e * e;
    }
    return sum;
  }

  private boolean contiguous(long from, int steps) {
    for (long t = from; t < from + steps; t++) if (!transition(t)) return false;
    return true;
  }

  /** The model's and the candidate's one-step error on the nominal held-out ticks (before the first alarm). */
  private void nominal(Gate.Check c) {
    double sumModel = 0;
    double sumCandidate = 0;
    int n = 0;
    for (int k = 0; k < nominalCount; k++) {
      if (nTick[k] > nominalUntil) continue;
      sumModel += oneStepError(null, nState, nApplied, nBefore, nModel, k, nNext, k);
      sumCandidate += oneStepError(candidate, nState, nApplied, nBefore, nModel, k, nNext, k);
      n++;
    }
    c.nominalTicks = n;
    c.nominalModel = n > 0 ? Math.sqrt(sumModel / n) : Double.NaN;
    c.nominalCandidate = n > 0 ? Math.sqrt(sumCandidate / n) : Double.NaN;
  }

  private void propose(Gate.Check c) {
    int version = ++lastVersion;
    Proposal p = proposals.beginWrite();
    p.version = version;
    candidate.copyWeights(p.weights);
    p.detail = String.format(Locale.ROOT, "from v%d after %.1f s in the shadow; %s", active, c.shadowS, c.describe(horizon));
    p.leaving = "leaving v" + version;
    p.oneStepError = c.oneStepCandidate;
    proposals.endWrite();
    pending = version;
  }

  /** The latest gate check's numbers (learner thread, or a test stepping it). */
  Gate.Check lastCheck() {
    return gate.check;
  }

  /** The candidate (learner thread, or a test stepping it). */
  ResidualCorrection candidate() {
    return candidate;
  }

  /** Ticks learned from, and held out, so far. */
  long learned() {
    return learned;
  }

  long heldOut() {
    return heldOut;
  }

  @Override
  public void onClose() {
    if (rollout != null) rollout.close();
  }

  @Override
  public String roleName() {
    return "foresight-adaptation";
  }
}
