package dev.foresight.runtime.link;

import dev.foresight.runtime.loop.LoopSnapshot;
import dev.foresight.runtime.time.Clock;

/**
 * The control thread's side of telemetry: every {@link #decimation()}-th tick it copies the tick's
 * snapshot into a preallocated slot of a bounded ring, with the wall-clock time, and moves on. It
 * never waits: when the network thread has fallen behind and the ring is full, the sample is
 * dropped and counted ({@link SpscRing#drops()}), and the count is published in {@code metrics}.
 * Allocation-free once constructed.
 */
public final class TelemetryTap {

  /** One telemetry sample: the tick and the epoch time it was taken. */
  public static final class Sample {
    /** The tick's state, applied action, cost, mode and phase. */
    public final LoopSnapshot.View view;
    /** Wall-clock time of the sample, epoch ms. */
    public long epochMs;

    Sample(int stateSize, int actionSize) {
      view = new LoopSnapshot.View(stateSize, actionSize);
    }
  }

  private final SpscRing<Sample> ring;
  private final Clock clock;
  private final int decimation;
  private int countdown;

  /**
   * @param clock      the loop's clock, for the samples' epoch time
   * @param loopHz     loop rate
   * @param rateHz     telemetry rate (at most the loop rate); the tap sends every
   *                   {@code round(loopHz / rateHz)}-th tick
   * @param capacity   ring slots, a power of two
   */
  public TelemetryTap(Clock clock, double loopHz, double rateHz, int stateSize, int actionSize, int capacity) {
    this.clock = clock;
    this.decimation = Math.max(1, (int) Math.round(loopHz / rateHz));
    this.ring = new SpscRing<>(capacity, () -> new Sample(stateSize, actionSize));
  }

  /** Control thread: called after every tick; samples every {@link #decimation()}-th one. */
  public void onTick(LoopSnapshot snapshot) {
    if (--countdown > 0) return;
    countdown = decimation;
    Sample slot = ring.claim();
    if (slot == null) return;   // counted by the ring
    snapshot.read(slot.view);
    slot.epochMs = clock.epochMillis();
    ring.publish();
  }

  /** Ticks per sample. */
  public int decimation() {
    return decimation;
  }

  /** The hand-off ring the network thread drains. */
  public SpscRing<Sample> ring() {
    return ring;
  }
}
