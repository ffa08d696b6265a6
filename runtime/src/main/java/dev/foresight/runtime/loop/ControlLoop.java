package dev.foresight.runtime.loop;

import dev.foresight.models.control.Controller;
import dev.foresight.runtime.estimate.Estimator;
import dev.foresight.runtime.io.RobotIo;
import dev.foresight.runtime.safety.SafetySupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of work: sense, estimate, plan, supervise, act, publish. A runner owns the thread and
 * the pacing and calls {@link #doWork(long)} once per period with the tick's single clock reading;
 * tests call it directly on a stepped clock.
 *
 * <p>Nothing here allocates once warm. An exception from any phase does not end the loop: the
 * supervisor latches a safe stop, the outputs go to their safe state, and the next tick runs.
 */
public final class ControlLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

  private final RobotIo io;
  private final Estimator estimator;
  private final Controller controller;
  private final SafetySupervisor safety;
  private final LoopSnapshot snapshot;
  private final LoopStats stats = new LoopStats();
  private final double[] raw;
  private final byte[] rawStatus;
  private final double[] state;
  private final double[] action;
  private final double[] applied;
  private long tick;
  private volatile TickHook hook = TickHook.NONE;

  /** Wires the phases; vectors are sized from the I/O and the snapshot. */
  public ControlLoop(RobotIo io, Estimator estimator, Controller controller, SafetySupervisor safety,
      int stateSize, int actionSize) {
    this.io = io;
    this.estimator = estimator;
    this.controller = controller;
    this.safety = safety;
    this.snapshot = new LoopSnapshot(stateSize, actionSize);
    this.raw = new double[io.rawNames().size()];
    this.rawStatus = new byte[raw.length];
    this.state = new double[stateSize];
    this.action = new double[actionSize];
    this.applied = new double[actionSize];
  }

  /** Runs one tick at {@code nowNs}. */
  public void doWork(long nowNs) {
    tick++;
    try {
      hook.beforeTick(nowNs);
      io.sense(nowNs, raw, rawStatus);
      estimator.update(nowNs, raw, state);
      controller.compute(state, action);
      safety.apply(nowNs, state, action, applied);
      io.act(nowNs, applied);
    } catch (RuntimeException e) {
      stats.recordFault();
      safety.safeStop("tick " + tick + " failed: " + e);
      io.safe();
      LOG.error("tick {} failed; outputs are safe and the loop keeps running", tick, e);
    }
    double cost = io.plantCost();
    stats.recordCost(cost);
    snapshot.publish(tick, nowNs, state, applied, cost, safety.mode(), controller.phase());
    hook.afterTick(snapshot);
  }

  /** Attaches per-tick work (operator commands, telemetry); set before the loop starts. */
  public void hook(TickHook hook) {
    this.hook = hook;
  }

  /** Ticks so far. */
  public long tick() {
    return tick;
  }

  /** The latest tick for observers. */
  public LoopSnapshot snapshot() {
    return snapshot;
  }

  /** Timing counters and histograms. */
  public LoopStats stats() {
    return stats;
  }

  /** The I/O, to make outputs safe on shutdown. */
  RobotIo io() {
    return io;
  }
}
