package dev.foresight.runtime.loop;

import dev.foresight.runtime.handoff.SpscRing;

/**
 * A tap's bounded hand-off of ticks from the control thread to one consumer thread (a recorder, a
 * telemetry link): an {@link SpscRing} of preallocated frames the control thread copies each kept
 * tick into. The control thread never waits: when the consumer falls behind and the ring is full,
 * the tick is dropped and counted. {@code every} decimates (1: every tick; 10: every tenth).
 *
 * <pre>{@code
 * TickQueue queue = robot.loop().addTap(Phase.RECORD, 1024, 1);   // before the loop starts
 * // consumer (an agent's doWork):
 * int n = queue.drain(frame -> writer.write(frame), 256);        // 0: idle
 * long dropped = queue.dropped();
 * }</pre>
 */
public final class TickQueue {

  /** Receives frames; the frame is valid only during the call. */
  @FunctionalInterface
  public interface Consumer {
    /** Handles one tick. */
    void onTick(TickFrame frame);
  }

  private final SpscRing<TickFrame> ring;
  private final int every;
  private volatile long offered;

  /**
   * @param capacity frames buffered; rounded up to a power of two
   * @param every    keep one tick in {@code every}
   * @param template a frame with the loop's vector sizes
   */
  public TickQueue(int capacity, int every, TickFrame template) {
    if (every < 1) throw new IllegalArgumentException("every must be at least 1, not " + every);
    this.ring = new SpscRing<>(capacity, () -> TickFrame.like(template));
    this.every = every;
  }

  /** Control thread: offers a tick (kept if it is one of every {@code every}). Never blocks or allocates. */
  void offer(TickFrame frame) {
    if (frame.tick % every != 0) return;
    offered++;   // one writer: the control thread
    TickFrame slot = ring.claim();
    if (slot == null) return;   // counted by the ring
    slot.copyFrom(frame);
    ring.publish();
  }

  /** Consumer thread: hands up to {@code limit} queued ticks to {@code consumer}, oldest first; returns how many. */
  public int drain(Consumer consumer, int limit) {
    int n = 0;
    for (TickFrame f; n < limit && (f = ring.peek()) != null; n++) {
      consumer.onTick(f);
      ring.release();
    }
    return n;
  }

  /** Ticks offered to this queue after decimation. */
  public long offered() {
    return offered;
  }

  /** Ticks dropped because the consumer was behind. */
  public long dropped() {
    return ring.drops();
  }

  /** Ticks waiting for the consumer. */
  public int size() {
    return ring.size();
  }
}
