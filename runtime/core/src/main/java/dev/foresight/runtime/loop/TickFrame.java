package dev.foresight.runtime.loop;

import dev.foresight.runtime.events.Response;
import dev.foresight.runtime.safety.Mode;

/**
 * Everything about one tick, as observers (telemetry, recording, displays) receive it. Frames are
 * preallocated and reused: a frame handed to a {@link TickQueue.Consumer} is valid only during the
 * call; copy what you keep ({@link #copyFrom}).
 *
 * <p>Vectors follow the config's order: {@code raw} the I/O's raw channels
 * ({@code RobotIo.rawNames()}), {@code state} the state variables, {@code action} and
 * {@code applied} the action variables, {@code plan} {@code horizon x actions} row-major, step 0
 * first (empty without a planner). Fault bits are {@code 1 << FaultClass.ordinal()}.
 */
public final class TickFrame {

  /** Tick number, from 1. */
  public long tick;
  /** Tick time on the loop clock, ns. */
  public long nowNs;
  /** Tick time, epoch milliseconds. */
  public long epochMs;
  /** How late the tick started against its deadline, ns. */
  public long periodErrorNs;
  /** Raw sensor values as read (NaN where a channel failed). */
  public final double[] raw;
  /** {@code Status} (drivers) of each raw value. */
  public final byte[] rawStatus;
  /** The state estimate. */
  public final double[] state;
  /** What the controller or planner asked for. */
  public final double[] action;
  /** What the supervisor sent to the actuators. */
  public final double[] applied;
  /** The plan in use (empty without a planner). */
  public final double[] plan;
  /** Ticks since the state the plan in use was made from (0: planned this tick). */
  public long planAgeTicks;
  /** The supervisor's mode. */
  public Mode mode = Mode.DISARMED;
  /** The reaction in force (NONE when all is well). */
  public Response reaction = Response.NONE;
  /** Whether the fallback controller produced {@code applied}. */
  public boolean fallback;
  /** Active fault classes, one bit per {@code FaultClass} ordinal. */
  public int faults;
  /** Duration of each phase, ns, indexed by {@link Phase#ordinal()}. */
  public final long[] phaseNs = new long[Phase.ALL.length];
  /** Cost the plant reports for the tick (simulation), or NaN. */
  public double cost = Double.NaN;
  /** The controller's own phase for displays (e.g. pump, balance), or empty. */
  public String controllerPhase = "";
  /** Whether {@code predicted} and {@code spread} hold the world model's prediction for this tick. */
  public boolean predictionValid;
  /** The world model's prediction of this tick's state, made one tick earlier from that tick's state and applied action. */
  public final double[] predicted;
  /** The ensemble's spread (standard deviation across members) around {@code predicted}; 0 for a single model. */
  public final double[] spread;
  /** The trust monitor's statistic relative to its threshold (1.0: the alarm line), or NaN when nothing judges. */
  public double trust = Double.NaN;
  /** The channel with the largest statistic ({@code theta_dot}, {@code spread(theta_dot)}), or empty. */
  public String trustChannel = "";
  /** Whether the monitor raised an alarm this tick. */
  public boolean trustAlarm;
  /** The version of the model's online correction in use (0: the model alone). */
  public int modelVersion;
  /**
   * The supervisor's mode at the start of the tick, after the tick's operator commands were applied
   * and before sensing (replay drives its supervisor to it: arm, disarm, e-stop, reset).
   */
  public Mode modeAtStart = Mode.DISARMED;
  /** Planner iterations completed in this tick's plan phase (0: none, or no planner in the tick). */
  public int planIterations;
  /** Whether the plan phase was late this tick (what the supervisor was told). */
  public boolean planLate;
  /** {@code Status} (drivers) of each actuator after the tick's act. */
  public final byte[] actStatus;
  /** Setpoint and parameter changes operator commands made at the start of this tick. */
  public final Adjustments adjustments = new Adjustments();

  /**
   * @param rawSize    raw channels
   * @param stateSize  state variables
   * @param actionSize action variables
   * @param planSize   horizon x action variables, or 0
   */
  public TickFrame(int rawSize, int stateSize, int actionSize, int planSize) {
    raw = new double[rawSize];
    rawStatus = new byte[rawSize];
    state = new double[stateSize];
    action = new double[actionSize];
    applied = new double[actionSize];
    actStatus = new byte[actionSize];
    plan = new double[planSize];
    predicted = new double[stateSize];
    spread = new double[stateSize];
  }

  /** A frame of the same sizes as {@code other}. */
  public static TickFrame like(TickFrame other) {
    return new TickFrame(other.raw.length, other.state.length, other.action.length, other.plan.length);
  }

  /** Copies every field of {@code from} (same sizes) into this frame. Allocation-free. */
  public void copyFrom(TickFrame from) {
    tick = from.tick;
    nowNs = from.nowNs;
    epochMs = from.epochMs;
    periodErrorNs = from.periodErrorNs;
    System.arraycopy(from.raw, 0, raw, 0, raw.length);
    System.arraycopy(from.rawStatus, 0, rawStatus, 0, rawStatus.length);
    System.arraycopy(from.state, 0, state, 0, state.length);
    System.arraycopy(from.action, 0, action, 0, action.length);
    System.arraycopy(from.applied, 0, applied, 0, applied.length);
    System.arraycopy(from.plan, 0, plan, 0, plan.length);
    planAgeTicks = from.planAgeTicks;
    mode = from.mode;
    reaction = from.reaction;
    fallback = from.fallback;
    faults = from.faults;
    System.arraycopy(from.phaseNs, 0, phaseNs, 0, phaseNs.length);
    cost = from.cost;
    controllerPhase = from.controllerPhase;
    predictionValid = from.predictionValid;
    System.arraycopy(from.predicted, 0, predicted, 0, predicted.length);
    System.arraycopy(from.spread, 0, spread, 0, spread.length);
    trust = from.trust;
    trustChannel = from.trustChannel;
    trustAlarm = from.trustAlarm;
    modelVersion = from.modelVersion;
    modeAtStart = from.modeAtStart;
    planIterations = from.planIterations;
    planLate = from.planLate;
    System.arraycopy(from.actStatus, 0, actStatus, 0, actStatus.length);
    adjustments.copyFrom(from.adjustments);
  }
}
