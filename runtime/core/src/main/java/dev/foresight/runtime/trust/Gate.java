package dev.foresight.runtime.trust;

import java.util.Locale;

/**
 * The gate a learned correction passes before it plans. All errors are RMS in the calibration's
 * residual scales (1.0: the model on data like its calibration data). A candidate passes when
 * <ol>
 *   <li>it has been in the shadow for {@code shadow_s} (checked by the learner before asking);
 *   <li>on the recent held-out ticks it beats the current model (the model with the correction in
 *       force, or alone) by {@code min_improvement} at one step: {@code e1(candidate) <= (1 - m) e1(current)};
 *   <li>and over the planner's horizon (the recorded actions rolled forward from held-out ticks):
 *       {@code eH(candidate) <= (1 - m) eH(current)};
 *   <li>on the nominal ticks (held out before the first alarm) it is at most {@code nominal_margin}
 *       worse than the reference {@code max(e1(model on nominal), e1(current on recent))};
 *   <li>every number and weight is finite.
 * </ol>
 *
 * <p>Why that reference, not the model's error on the nominal data alone: a correction for a plant
 * that really changed (a heavier pendulum) must mispredict the old plant by about what the model now
 * mispredicts the new one, so "at most a few percent worse than the model on the original data",
 * read literally, rejects every real change. What the test must catch is a correction that distorts
 * the model beyond the change it fits (a linear head extrapolated from a narrow recent region): one
 * worse on the old data than the model is on the new. On an unchanged plant (recent error about the
 * nominal one) it is the literal test. Without nominal ticks (an alarm before any was held out),
 * this test is not made and the swap event says so.
 */
final class Gate {

  /** One check's numbers (reused: the learner's thread fills and reads it). */
  static final class Check {
    double shadowS;
    int heldOut;
    double oneStepCurrent = Double.NaN;
    double oneStepCandidate = Double.NaN;
    int windows;
    double horizonCurrent = Double.NaN;
    double horizonCandidate = Double.NaN;
    int nominalTicks;
    double nominalModel = Double.NaN;
    double nominalCandidate = Double.NaN;
    boolean candidateFinite;
    double minImprovement;
    double nominalMargin;
    /** The first reason it failed, or empty when it passed (constants: no formatting). */
    String refused = "not checked";

    void clear() {
      shadowS = 0;
      heldOut = 0;
      windows = 0;
      nominalTicks = 0;
      oneStepCurrent = oneStepCandidate = horizonCurrent = horizonCandidate = Double.NaN;
      nominalModel = nominalCandidate = Double.NaN;
      candidateFinite = false;
      refused = "not checked";
    }

    /** The nominal reference: {@code max(model on nominal, current on recent)}. */
    double nominalReference() {
      return Math.max(nominalModel, oneStepCurrent);
    }

    /** The numbers, one line, for the swap event. */
    String describe(int horizon) {
      String nominal = nominalTicks >= Learner.MIN_HELD_OUT
          ? String.format(Locale.ROOT, "nominal %.3g (limit %.3g = %.2f x max(model on nominal %.3g, current on recent %.3g), %d ticks)",
              nominalCandidate, (1 + nominalMargin) * nominalReference(), 1 + nominalMargin, nominalModel, oneStepCurrent,
              nominalTicks)
          : "no nominal ticks before the first alarm: nominal test not made";
      return String.format(Locale.ROOT,
          "held-out 1-step error %.3g vs %.3g now (limit %.3g, %d ticks), %d-step %.3g vs %.3g (limit %.3g, %d windows), %s; "
              + "errors in calibrated residual scales",
          oneStepCandidate, oneStepCurrent, (1 - minImprovement) * oneStepCurrent, heldOut, horizon, horizonCandidate,
          horizonCurrent, (1 - minImprovement) * horizonCurrent, windows, nominal);
    }
  }

  final Check check = new Check();
  private final double minImprovement;
  private final double nominalMargin;

  Gate(double minImprovement, double nominalMargin) {
    this.minImprovement = minImprovement;
    this.nominalMargin = nominalMargin;
    check.minImprovement = minImprovement;
    check.nominalMargin = nominalMargin;
  }

  /** Judges {@link #check}; sets its {@code refused} reason (empty: passed). */
  boolean passes() {
    Check c = check;
    c.minImprovement = minImprovement;
    c.nominalMargin = nominalMargin;
    if (!c.candidateFinite) return refuse("a weight is not finite");
    if (c.heldOut < Learner.MIN_HELD_OUT) return refuse("too few held-out ticks");
    if (c.windows < Learner.MIN_WINDOWS) return refuse("too few horizon windows");
    if (!finite(c.oneStepCurrent, c.oneStepCandidate, c.horizonCurrent, c.horizonCandidate)) {
      return refuse("an error is not finite");
    }
    if (!(c.oneStepCandidate <= (1 - minImprovement) * c.oneStepCurrent)) return refuse("not better at one step");
    if (!(c.horizonCandidate <= (1 - minImprovement) * c.horizonCurrent)) return refuse("not better over the horizon");
    if (c.nominalTicks >= Learner.MIN_HELD_OUT) {
      if (!finite(c.nominalModel, c.nominalCandidate, 0, 0)) return refuse("a nominal error is not finite");
      if (!(c.nominalCandidate <= (1 + nominalMargin) * c.nominalReference())) return refuse("worse on the nominal ticks");
    }
    c.refused = "";
    return true;
  }

  private boolean refuse(String why) {
    check.refused = why;
    return false;
  }

  private static boolean finite(double a, double b, double c, double d) {
    return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d);
  }
}
