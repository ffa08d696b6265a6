package dev.foresight.runtime.trust;

import dev.foresight.config.TrustConfig;
import dev.foresight.models.trust.CorrectionWeights;
import dev.foresight.models.trust.ResidualCorrection;
import dev.foresight.models.world.WorldModel;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.SleepingIdleStrategy;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.EventDraft;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Severity;
import dev.foresight.runtime.handoff.SeqLock;
import dev.foresight.runtime.handoff.SpscRing;
import dev.foresight.runtime.time.Clock;

/**
 * The online adaptation's control-thread side ({@code trust.adaptation}, docs/trust.md): it hands
 * every tick to the {@link Learner} through a bounded ring (a full ring drops the tick and counts
 * it; the control thread never waits), swaps a correction the learner's gate passed into the trust
 * stage and the planner at the start of a tick, and rolls it back to the previous version when a
 * {@code model_untrusted} alarm comes within {@code rollback_window_s} of the swap. The previous
 * version stays warm (its weights here, the model's own rollouts in the planner), so a rollback is a
 * copy. Every swap and rollback is an event with the version and the numbers; the correction in
 * force is published to the planner ({@link PublishedCorrection}) and is the tick's
 * {@code model_version}.
 *
 * <p>Where the learner runs: on its own thread ({@code foresight-adaptation}) on a real clock; on a
 * stepped clock (unpaced simulation) right after each tick's hand-over on the control thread, so a
 * simulated run is reproducible tick for tick. Allocation-free on the control thread.
 */
public final class Adaptation implements AutoCloseable {

  /** Ticks the ring holds (at 20 Hz, 25 s of a stalled learner). */
  static final int RING_TICKS = 512;
  /**
   * A swapped-in correction whose held-out one-step error (RMS in calibrated residual scales) is at
   * most this predicts the robot about as well as the model predicted its calibration data (1.0):
   * it ends a {@code model_untrusted} fault at once instead of after {@code trust.hysteresis_s}.
   */
  static final double TRUSTED_ERROR = 1.5;

  private final SpscRing<AdaptationTick> ring;
  private final PublishedCorrection published;
  private final SeqLock<Proposal> proposals;
  private final Learner learner;
  private final boolean inline;
  private final Clock clock;
  private final EventLog events;
  private final EventDraft event = new EventDraft();
  private final long rollbackTicks;
  private final double rollbackWindowS;
  private final double periodS;
  private final ResidualCorrection inForce;
  private final CorrectionWeights active;
  private final CorrectionWeights previous;
  private final Proposal received;
  private String activeLeaving = "";
  private long seenProposal;
  private long swapTick = Long.MIN_VALUE;
  private long swaps;
  private long rollbacks;
  private boolean swappedTrusted;
  private volatile AgentRunner runner;

  /**
   * The adaptation's parts, wired: ring, published correction, proposal mailbox, learner.
   *
   * @param rollout    the model with batch {@code 2 * Learner.WINDOWS} for the horizon check (owned)
   * @param wrapped    per state variable: an angle
   * @param actions    action variables
   * @param scale      per state variable, the calibrated residual scale
   * @param settings   {@code trust.adaptation}
   * @param rateHz     loop rate
   * @param horizon    the planner's horizon, steps
   * @param inline     run the learner on the control thread (a stepped clock)
   * @param clock      the loop's clock (the learner thread's runner)
   * @param events     where swaps and rollbacks go
   * @param inForce    an empty correction shaped for the robot (holds the weights in force)
   */
  static Adaptation create(WorldModel rollout, boolean[] wrapped, int actions, double[] scale,
      TrustConfig.Adaptation settings, int rateHz, int horizon, boolean inline, Clock clock, EventLog events,
      ResidualCorrection inForce) {
    PublishedCorrection published = new PublishedCorrection(inForce.weightCount());
    SeqLock<Proposal> proposals = new SeqLock<>(new Proposal(inForce.weightCount()), Proposal::copy);
    SpscRing<AdaptationTick> ring = new SpscRing<>(RING_TICKS, () -> new AdaptationTick(wrapped.length, actions));
    Learner learner = new Learner(ring, published, proposals, rollout, wrapped, actions, scale, settings, rateHz, horizon);
    return new Adaptation(ring, published, proposals, learner, inline, clock, events, inForce,
        settings.rollbackWindowS(), rateHz);
  }

  private Adaptation(SpscRing<AdaptationTick> ring, PublishedCorrection published, SeqLock<Proposal> proposals, Learner learner,
      boolean inline, Clock clock, EventLog events, ResidualCorrection inForce, double rollbackWindowS, int rateHz) {
    this.ring = ring;
    this.published = published;
    this.proposals = proposals;
    this.learner = learner;
    this.inline = inline;
    this.clock = clock;
    this.events = events;
    this.inForce = inForce;
    this.rollbackWindowS = rollbackWindowS;
    this.rollbackTicks = Math.round(rollbackWindowS * rateHz);
    this.periodS = 1.0 / rateHz;
    int w = inForce.weightCount();
    this.active = new CorrectionWeights(w);
    this.previous = new CorrectionWeights(w);
    this.received = new Proposal(w);
  }

  /** The correction in force, for the planner's rollouts to follow. */
  public PublishedCorrection published() {
    return published;
  }

  /** Whether the learner runs on the control thread (stepped clock). */
  public boolean inline() {
    return inline;
  }

  /**
   * Control thread, after the tick's comparison: rolls back on an alarm within the window of a swap,
   * else takes a passed proposal. Either changes the correction the stage predicts with from this
   * tick's prediction on, and what the planner plans with from its next evaluation.
   */
  void afterCompare(TrustStage stage, long nowNs, long tick, boolean alarmed, String channel) {
    swappedTrusted = false;
    if (alarmed && active.version != 0 && swapTick != Long.MIN_VALUE && tick - swapTick <= rollbackTicks) {
      double after = (tick - swapTick) * periodS;
      String leaving = activeLeaving;
      CorrectionWeights.copy(previous, active);
      activeLeaving = "";
      swapTick = Long.MIN_VALUE;
      install(stage);
      rollbacks++;
      events.emit(event.begin(nowNs, Severity.WARNING, EventKind.MODEL_ROLLBACK, Cause.ADAPTATION).subject(channel)
          .value(after).limit(rollbackWindowS).count(active.version).detail(leaving));
      return;
    }
    if (proposals.version() == seenProposal) return;
    long v = proposals.tryRead(received);
    if (v == SeqLock.BUSY) return;   // being written: next tick
    seenProposal = v;
    CorrectionWeights.copy(active, previous);
    active.version = received.version;
    System.arraycopy(received.weights, 0, active.weights, 0, active.weights.length);
    activeLeaving = received.leaving;
    swapTick = tick;
    install(stage);
    swaps++;
    swappedTrusted = !alarmed && received.oneStepError <= TRUSTED_ERROR;
    events.emit(event.begin(nowNs, Severity.INFO, EventKind.MODEL_SWAP, Cause.ADAPTATION).count(active.version)
        .detail(received.detail));
  }

  private void install(TrustStage stage) {
    published.publish(active);
    if (active.version == 0) {
      stage.useCorrection(null, 0);
    } else {
      inForce.setWeights(active.weights);
      stage.useCorrection(inForce, active.version);
    }
    // The statistic so far judged the other model; the one in force starts from zero.
    stage.restartMonitor();
  }

  /**
   * Control thread, after the prediction: hands the tick to the learner (dropped and counted when
   * the ring is full), and on a stepped clock runs the learner at once.
   */
  void handOver(long tick, boolean continues, boolean alarm, int version, double[] state, double[] applied,
      double[] appliedBefore, double[] modelNext) {
    AdaptationTick t = ring.claim();
    if (t != null) {
      t.tick = tick;
      t.continues = continues;
      t.alarm = alarm;
      t.version = version;
      System.arraycopy(state, 0, t.state, 0, t.state.length);
      System.arraycopy(applied, 0, t.applied, 0, t.applied.length);
      System.arraycopy(appliedBefore, 0, t.appliedBefore, 0, t.appliedBefore.length);
      System.arraycopy(modelNext, 0, t.modelNext, 0, t.modelNext.length);
      ring.publish();
    }
    if (inline) learner.doWork(0);
  }

  /** Starts the learner's thread (not on a stepped clock). */
  public synchronized void start() {
    if (inline || runner != null) return;
    runner = AgentRunner.builder(learner).clock(clock).idle(new SleepingIdleStrategy(2_000_000L)).start();
  }

  /**
   * Whether this tick swapped in a correction the gate measured within {@link #TRUSTED_ERROR} of the
   * calibration: the model that was untrusted is gone, so its fault may end now.
   */
  boolean swappedTrusted() {
    return swappedTrusted;
  }

  /** Swaps so far. */
  public long swaps() {
    return swaps;
  }

  /** Rollbacks so far. */
  public long rollbacks() {
    return rollbacks;
  }

  /** Ticks the learner never got (the ring was full). */
  public long dropped() {
    return ring.drops();
  }

  /** The learner (tests step it, or read its gate's numbers). */
  Learner learner() {
    return learner;
  }

  /** Stops the learner's thread and releases its model. Idempotent. */
  @Override
  public void close() {
    AgentRunner r;
    synchronized (this) {
      r = runner;
      runner = null;
    }
    if (r != null) {
      r.close();
    } else {
      learner.onClose();
    }
  }
}
