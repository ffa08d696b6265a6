package dev.foresight.runtime.loop;

import dev.foresight.runtime.estimate.Estimator;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.io.RobotIo;
import dev.foresight.runtime.plan.PlanStage;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.trust.TrustStage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of work, in phases: sense, estimate, plan, safety, act, publish, record. A
 * {@link LoopRunner} owns the thread and the pacing and calls {@link #doWork(long, long)} once per
 * period with the tick's single clock reading; tests call {@link #doWork(long)} directly on a
 * stepped clock. The clock is read again only to time the phases.
 *
 * <p>Nothing here allocates once warm. No exception ends the loop: a failing planner is the failsafe
 * ladder's business ({@link PlanStage} never throws); any other phase that throws latches a safe
 * stop, the outputs go safe, and the next tick runs.
 *
 * <p>Observers attach before the loop starts: {@link #snapshot()} holds the latest tick;
 * {@link #addTap} gives a consumer thread (telemetry, recording) every tick, or every n-th, through a
 * bounded queue that drops rather than blocks.
 *
 * <pre>{@code
 * ControlLoop loop = robot.loop();
 * TickQueue recording = loop.addTap(Phase.RECORD, 4096, 1);
 * long t = 0;
 * for (int i = 0; i < 100; i++) loop.doWork(t += periodNs);   // stepped by hand
 * }</pre>
 */
public final class ControlLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
  private static final long ERROR_LOG_INTERVAL_NS = 1_000_000_000L;

  private final RobotIo io;
  private final DoubleSupplier plantCost;
  private final Estimator estimator;
  private final PlanStage plan;
  private final TrustStage trust;
  private final SafetySupervisor safety;
  private final Clock clock;
  private final EventLog events;
  private final long periodNs;
  private final LoopMetrics metrics;
  private final TickFrame frame;
  private final LoopSnapshot snapshot;
  private final double[] rawUsed;
  private final double[] safe;
  private final List<TickQueue> telemetryTaps = new ArrayList<>();
  private final List<TickQueue> recordingTaps = new ArrayList<>();
  private TickQueue[] publishTo = new TickQueue[0];
  private TickQueue[] recordTo = new TickQueue[0];
  private long tick;
  private volatile TickHook hook = TickHook.NONE;
  private volatile long lastTickNs = Long.MIN_VALUE;
  private long lastTickEndNs;
  private long lastErrorLogNs = Long.MIN_VALUE;
  private volatile double costSum;
  private volatile long costTicks;

  /**
   * @param io        the robot's inputs and outputs
   * @param plantCost the simulated plant's cost of the step the tick's act took (each frame's
   *                  {@code cost}); NaN on hardware. Read once per tick, allocation-free
   * @param estimator raw channels to state
   * @param plan      the plan phase (controller or planner)
   * @param trust     the world model's one-step prediction and its monitor ({@link TrustStage#NONE} without a model)
   * @param safety    the supervisor
   * @param clock     the loop clock, read only to time phases
   * @param events    the event log (for epoch timestamps of frames)
   * @param rateHz    the loop rate
   * @param stateSize state variables
   */
  public ControlLoop(RobotIo io, DoubleSupplier plantCost, Estimator estimator, PlanStage plan, TrustStage trust,
      SafetySupervisor safety, Clock clock, EventLog events, int rateHz, int stateSize) {
    this.io = io;
    this.plantCost = plantCost;
    this.estimator = estimator;
    this.plan = plan;
    this.trust = trust;
    this.safety = safety;
    this.clock = clock;
    this.events = events;
    this.periodNs = 1_000_000_000L / rateHz;
    this.metrics = new LoopMetrics(rateHz);
    this.safe = safety.safeValues();
    int raw = io.rawNames().size();
    this.frame = new TickFrame(raw, stateSize, safe.length, plan.planSize());
    this.snapshot = new LoopSnapshot(frame);
    this.rawUsed = new double[raw];
    System.arraycopy(safe, 0, frame.applied, 0, safe.length);
  }

  /**
   * Adds a consumer of ticks; call before the loop starts.
   *
   * @param phase    {@link Phase#PUBLISH} for telemetry-like consumers, {@link Phase#RECORD} for
   *                 recorders (the phase the offer is timed in)
   * @param capacity ticks buffered before drops
   * @param every    keep one tick in {@code every}
   */
  public synchronized TickQueue addTap(Phase phase, int capacity, int every) {
    if (phase != Phase.PUBLISH && phase != Phase.RECORD) {
      throw new IllegalArgumentException("taps attach to publish or record, not " + phase.id());
    }
    TickQueue queue = new TickQueue(capacity, every, frame);
    (phase == Phase.PUBLISH ? telemetryTaps : recordingTaps).add(queue);
    publishTo = telemetryTaps.toArray(TickQueue[]::new);
    recordTo = recordingTaps.toArray(TickQueue[]::new);
    metrics.addDropSource(queue::dropped);
    return queue;
  }

  /** Runs one tick at {@code nowNs}, as if it were scheduled then (tests, stepped simulation). */
  public void doWork(long nowNs) {
    doWork(nowNs, nowNs);
  }

  /**
   * Runs one tick.
   *
   * @param nowNs       the tick's clock reading, passed to every phase
   * @param scheduledNs the deadline the tick was scheduled for (period error = nowNs - scheduledNs)
   */
  public void doWork(long nowNs, long scheduledNs) {
    lastTickNs = nowNs;
    TickFrame f = frame;
    long[] phaseNs = f.phaseNs;
    f.tick = ++tick;
    f.nowNs = nowNs;
    f.epochMs = events.epochMs(nowNs);
    f.periodErrorNs = nowNs - scheduledNs;
    long t = nowNs;
    Phase phase = Phase.SENSE;
    f.planIterations = 0;
    f.planLate = false;
    f.adjustments.clear();
    try {
      hook.beforeTick(nowNs);
      f.modeAtStart = safety.mode();
      io.sense(nowNs, f.raw, f.rawStatus);
      t = mark(Phase.SENSE, t);
      phase = Phase.ESTIMATE;
      safety.sensed(nowNs, f.raw, f.rawStatus, rawUsed);
      estimator.update(nowNs, rawUsed, f.state);
      safety.estimated(f.state);
      f.predictionValid = trust.compare(tick, f.state, f.predicted, f.spread);
      f.trustAlarm = trust.alarmed();
      f.trust = trust.statistic();
      f.trustChannel = trust.channel();
      trust.adapt(nowNs, tick);
      f.modelVersion = trust.correctionVersion();
      safety.trusted(f.trustAlarm, f.trustChannel, f.trust, trust.threshold());
      if (trust.swappedTrusted()) safety.modelReplaced();
      t = mark(Phase.ESTIMATE, t);
      phase = Phase.PLAN;
      plan.run(nowNs, tick, f.state, f.action);
      t = mark(Phase.PLAN, t);
      plan.finish(t);
      f.planIterations = plan.iterations();
      f.planLate = plan.late();
      if (plan.late()) metrics.recordPlanLate();
      safety.planned(plan.late(), plan.failed(), plan.error(), plan.planAgeTicks() * periodNs * 1e-6);
      phase = Phase.SAFETY;
      safety.apply(nowNs, f.state, f.action, f.applied);
      t = mark(Phase.SAFETY, t);
      phase = Phase.ACT;
      safety.guard(f.applied);
      io.act(nowNs, f.applied, f.actStatus);
      safety.acted(nowNs, f.actStatus);
      t = mark(Phase.ACT, t);
      phase = Phase.PREDICT;
      trust.predict(tick, f.state, f.applied);
      t = mark(Phase.PREDICT, t);
    } catch (RuntimeException e) {
      t = mark(phase, t);
      tickFailed(nowNs, phase, e);
    }
    f.mode = safety.mode();
    f.reaction = safety.reaction();
    f.fallback = safety.fallbackEngaged();
    f.faults = safety.faultBits();
    f.cost = plantCost.getAsDouble();
    if (!Double.isNaN(f.cost)) {
      costSum += f.cost;
      costTicks++;
    }
    f.controllerPhase = plan.phase();
    f.planAgeTicks = plan.planAgeTicks();
    plan.copyPlan(f.plan);
    snapshot.publish(f);
    for (TickQueue q : publishTo) q.offer(f);
    t = mark(Phase.PUBLISH, t);
    for (TickQueue q : recordTo) q.offer(f);
    t = mark(Phase.RECORD, t);
    lastTickEndNs = t;
    metrics.recordTick(f.periodErrorNs, t - nowNs);
    for (Phase p : Phase.ALL) metrics.recordPhase(p, phaseNs[p.ordinal()]);
  }

  private long mark(Phase phase, long since) {
    long now = clock.nanoTime();
    frame.phaseNs[phase.ordinal()] = now - since;
    return now;
  }

  private void tickFailed(long nowNs, Phase phase, RuntimeException e) {
    metrics.recordTickError();
    System.arraycopy(safe, 0, frame.applied, 0, safe.length);
    try {
      safety.tickFailed(nowNs, phase.id(), e);
      io.safe();
    } catch (RuntimeException again) {
      e.addSuppressed(again);
    }
    // The stack trace is what a bug report needs; at most one a second, so a phase failing every
    // tick does not flood the log (the event and the counters carry every occurrence).
    if (nowNs - lastErrorLogNs >= ERROR_LOG_INTERVAL_NS) {
      lastErrorLogNs = nowNs;
      LOG.error("tick {} failed in {}; outputs are safe and the loop keeps running", tick, phase.id(), e);
    }
  }

  /** The loop thread died of {@code t}: latch a safe stop and put the outputs safe. */
  void died(Throwable t) {
    RuntimeException e = t instanceof RuntimeException r ? r : new IllegalStateException(t.toString(), t);
    safety.tickFailed(lastTickNs, "loop", e);
  }

  /**
   * Where the tick hook's operator commands note the setpoint and parameter changes they made, so the
   * tick's frame (and a recording) holds them. Control thread only, during {@link TickHook#beforeTick}.
   */
  public Adjustments adjustments() {
    return frame.adjustments;
  }

  /** Attaches work at the start of every tick (operator commands); set before the loop starts. */
  public void hook(TickHook hook) {
    this.hook = hook;
  }

  /** Sum of the per-tick costs the plant reported (simulation), 0 when none did. */
  public double costSum() {
    return costSum;
  }

  /** Ticks that reported a cost. */
  public long costTicks() {
    return costTicks;
  }

  /** Ticks so far. */
  public long tick() {
    return tick;
  }

  /** Start time of the latest tick (the watchdog's heartbeat); Long.MIN_VALUE before the first. */
  public long lastTickNs() {
    return lastTickNs;
  }

  void primeHeartbeat(long nowNs) {
    lastTickNs = nowNs;
  }

  /** End of the latest tick's last phase (control thread). */
  long lastTickEndNs() {
    return lastTickEndNs;
  }

  /** The working frame of the current tick (control thread only). */
  TickFrame frame() {
    return frame;
  }

  /** A new frame shaped like this loop's ticks, for {@link LoopSnapshot#read}. */
  public TickFrame newFrame() {
    return TickFrame.like(frame);
  }

  /** The latest tick for observers. */
  public LoopSnapshot snapshot() {
    return snapshot;
  }

  /** Timing histograms and counters. */
  public LoopMetrics metrics() {
    return metrics;
  }

  /** The plan phase. */
  public PlanStage plan() {
    return plan;
  }

  /** The world model's one-step prediction and its monitor. */
  public TrustStage trust() {
    return trust;
  }

  /** The loop period, ns. */
  public long periodNs() {
    return periodNs;
  }

  /** The I/O, to make outputs safe on shutdown. */
  RobotIo io() {
    return io;
  }
}
