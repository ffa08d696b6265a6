package dev.foresight.runtime.safety;

import dev.foresight.config.EnvelopeBound;
import dev.foresight.config.FaultClass;
import dev.foresight.config.LadderStep;
import dev.foresight.config.Reaction;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.drivers.Status;
import java.util.List;

/**
 * Every fault source of a robot with its failsafe ladder: one {@link FaultSlot} per
 * {@link FaultClass} and one per envelope bound. Fed once per tick with what the sensor checks, the
 * plan phase and the action found; answers the strongest reaction in force and which fault asks for
 * it. Control thread only; allocation-free.
 */
final class Ladders {

  private static final FaultClass[] CLASSES = FaultClass.values();

  private final FaultSlot[] slots = new FaultSlot[CLASSES.length];
  private final int[] envelopeIndex;
  private final double[] envelopeMin;
  private final double[] envelopeMax;
  private final FaultSlot[] envelopeSlots;
  private final String[] envelopeSubjects;
  private final String[] actionNames;
  private final double staleLimitMs;
  private final LinkHealth link;
  private final double heartbeatLimitMs;

  private boolean trustAlarm;
  private boolean modelBroken;
  private String trustChannel = "";
  private double trustValue = Double.NaN;
  private double trustLimit = Double.NaN;
  private boolean planLate;
  private boolean planFailed;
  private boolean modelReplaced;
  private String planError = "";
  private double planAgeMs;
  private FaultSlot strongest;
  private Reaction reaction;
  private int faultBits;

  Ladders(RobotConfig config, String[] actionNames, double staleLimitMs, EventLog events) {
    this.actionNames = actionNames;
    this.staleLimitMs = staleLimitMs;
    this.link = new LinkHealth(config.safety().linkLoss());
    this.heartbeatLimitMs = link.heartbeatTimeoutNs() * 1e-6;
    long recoverNs = config.safety().recoverAfterNs();
    for (FaultClass c : CLASSES) {
      // An untrusted model stays untrusted for trust.hysteresis_s after its last alarm: the monitor
      // restarts after each alarm, so a model that stays wrong alarms again within it.
      long recover = c == FaultClass.MODEL_UNTRUSTED ? (long) (config.trust().hysteresisS() * 1e9) : recoverNs;
      slots[c.ordinal()] = new FaultSlot(Cause.of(c), config.safety().ladder(c), recover, events);
    }
    List<EnvelopeBound> envelope = config.safety().envelope();
    int e = envelope.size();
    envelopeIndex = new int[e];
    envelopeMin = new double[e];
    envelopeMax = new double[e];
    envelopeSlots = new FaultSlot[e];
    envelopeSubjects = new String[e];
    for (int i = 0; i < e; i++) {
      EnvelopeBound b = envelope.get(i);
      envelopeIndex[i] = config.stateIndex(b.variable());
      envelopeMin[i] = b.min();
      envelopeMax[i] = b.max();
      envelopeSubjects[i] = b.variable();
      envelopeSlots[i] = new FaultSlot(Cause.ENVELOPE, List.of(LadderStep.of(b.reaction(), 0)), recoverNs, events);
    }
  }

  /**
   * The trust monitor's verdict for this tick: an alarm on a channel, its CUSUM and threshold. A NaN
   * or infinite prediction (an infinite CUSUM) is no statistical doubt but a broken model: it goes to
   * the planner's ladder, whose default reaction is at once.
   */
  void trusted(boolean alarm, String channel, double cusum, double threshold) {
    modelBroken = alarm && Double.isInfinite(cusum);
    trustAlarm = alarm && !modelBroken;
    trustChannel = channel;
    trustValue = cusum;
    trustLimit = threshold;
  }

  /** A gated correction replaced the model: a recovering model_untrusted fault ends at this tick's feed. */
  void modelReplaced() {
    modelReplaced = true;
  }

  /** The plan phase's outcome for this tick. */
  void planned(boolean late, boolean failed, String error, double ageMs) {
    planLate = late;
    planFailed = failed;
    planError = error;
    planAgeMs = ageMs;
  }

  /** Feeds every ladder for this tick, then finds the strongest reaction in force. */
  void feed(long nowNs, SensorHealth h, double[] state, double[] action) {
    report(FaultClass.SENSOR_INVALID, nowNs, h.invalidSubject, h.invalidValue, Double.NaN, h.invalidDetail);
    report(FaultClass.SENSOR_STALE, nowNs, h.staleSubject, h.staleMs, staleLimitMs, "");
    report(FaultClass.SENSOR_STUCK, nowNs, h.stuckSubject, h.stuckMs, Double.NaN, "");
    report(FaultClass.SENSOR_OUT_OF_RANGE, nowNs, h.rangeSubject, h.rangeValue, h.rangeLimit, "");
    slots[FaultClass.PLANNER_ERROR.ordinal()].report(nowNs, planFailed || modelBroken,
        planFailed ? "" : modelBroken ? trustChannel : "", Double.NaN, Double.NaN,
        planFailed ? planError : modelBroken ? "the world model predicted NaN or infinity" : "");
    slots[FaultClass.PLANNER_OVERRUN.ordinal()].report(nowNs, planLate, "", planAgeMs, Double.NaN, "");
    slots[FaultClass.MODEL_UNTRUSTED.ordinal()].report(nowNs, trustAlarm, trustChannel, trustValue, trustLimit,
        "cusum");
    if (modelReplaced) {
      slots[FaultClass.MODEL_UNTRUSTED.ordinal()].endRecovery(nowNs, "a gated correction replaced the model");
      modelReplaced = false;
    }
    int linkState = link.state(nowNs);
    boolean silent = linkState == LinkHealth.SILENT;
    slots[FaultClass.LINK_LOST.ordinal()].report(nowNs, linkState != LinkHealth.UP, "mqtt",
        silent ? link.silentMs(nowNs) : Double.NaN, silent ? heartbeatLimitMs : Double.NaN,
        silent ? "no operator heartbeat" : link.problem());
    int invalid = -1;
    for (int i = 0; i < action.length; i++) {
      if (!Double.isFinite(action[i])) {
        invalid = i;
        break;
      }
    }
    slots[FaultClass.ACTION_INVALID.ordinal()].report(nowNs, invalid >= 0, invalid >= 0 ? actionNames[invalid] : "",
        invalid >= 0 ? action[invalid] : Double.NaN, Double.NaN, "");
    for (int i = 0; i < envelopeSlots.length; i++) {
      double x = state[envelopeIndex[i]];
      boolean out = !(x >= envelopeMin[i] && x <= envelopeMax[i]);
      envelopeSlots[i].report(nowNs, out, envelopeSubjects[i], x, x < envelopeMin[i] ? envelopeMin[i] : envelopeMax[i], "");
    }
    // The actuator ladder was fed after the previous act phase; it counts here too.
    strongest = null;
    reaction = null;
    int bits = 0;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i].active()) bits |= 1 << i;
      consider(slots[i]);
    }
    for (FaultSlot s : envelopeSlots) consider(s);
    faultBits = bits;
  }

  private void report(FaultClass c, long nowNs, String subject, double value, double limit, String detail) {
    slots[c.ordinal()].report(nowNs, subject != null, subject != null ? subject : "", value, limit,
        detail != null ? detail : "");
  }

  private void consider(FaultSlot s) {
    Reaction r = s.reaction();
    if (r != null && (reaction == null || r.compareTo(reaction) > 0)) {
      reaction = r;
      strongest = s;
    }
  }

  /** Feeds the actuator ladder with the act phase's per-action status; returns its slot. */
  FaultSlot acted(long nowNs, byte[] actStatus) {
    int failed = -1;
    for (int i = 0; i < actStatus.length; i++) {
      if (actStatus[i] != Status.OK) {
        failed = i;
        break;
      }
    }
    FaultSlot slot = slots[FaultClass.ACTUATOR_WRITE.ordinal()];
    slot.report(nowNs, failed >= 0, failed >= 0 ? actionNames[failed] : "", Double.NaN, Double.NaN,
        failed >= 0 ? Status.name(actStatus[failed]) : "");
    return slot;
  }

  /** The strongest reaction in force after the latest feed, or null. */
  Reaction reaction() {
    return reaction;
  }

  /** The fault that asks for {@link #reaction()}, or null. */
  FaultSlot strongest() {
    return strongest;
  }

  /** Whether this tick's action was NaN or infinite. */
  boolean actionInvalid() {
    return slots[FaultClass.ACTION_INVALID.ordinal()].present();
  }

  /** The operator link's health, which the link reports to. */
  LinkHealth link() {
    return link;
  }

  /** Active fault classes, one bit per {@link FaultClass} ordinal. */
  int faultBits() {
    return faultBits;
  }
}
