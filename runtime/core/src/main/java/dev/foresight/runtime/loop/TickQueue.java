package dev.foresight.runtime.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded hand-off of ticks from the control thread to one consumer thread (a recorder, a
 * telemetry link): single producer, single consumer, preallocated frames, no locks. The control
 * thread never waits: when the consumer falls behind and the queue is full, the tick is dropped and
 * counted. {@code every} decimates (1: every tick; 10: every tenth).
 *
 * <pre>{@code
 * TickQueue queue = robot.loop().addTap(Phase.RECORD, 1024, 1);   // before the loop starts
 * // consumer thread:
 * while (running) {
 *   int n = queue.drain(frame -> writer.write(frame), 256);
 *   if (n == 0) Thread.sleep(5);
 * }
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

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(TickQueue.class, "head", long.class);
      TAIL = MethodHandles.lookup().findVarHandle(TickQueue.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TickFrame[] frames;
  private final int mask;
  private final int every;
  @SuppressWarnings("unused") private volatile long head;   // next frame the consumer reads
  @SuppressWarnings("unused") private volatile long tail;   // next frame the producer writes
  private volatile long offered;
  private volatile long dropped;

  /**
   * @param capacity frames buffered; rounded up to a power of two
   * @param every    keep one tick in {@code every}
   * @param template a frame with the loop's vector sizes
   */
  public TickQueue(int capacity, int every, TickFrame template) {
    if (every < 1) throw new IllegalArgumentException("every must be at least 1, not " + every);
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    frames = new TickFrame[size];
    for (int i = 0; i < size; i++) frames[i] = TickFrame.like(template);
    mask = size - 1;
    this.every = every;
  }

  /** Control thread: offers a tick (kept if it is one of every {@code every}). Never blocks or allocates. */
  void offer(TickFrame frame) {
    if (frame.tick % every != 0) return;
    offered++;
    long t = (long) TAIL.getOpaque(this);
    if (t - (long) HEAD.getAcquire(this) >= frames.length) {
      dropped++;
      return;
    }
    frames[(int) t & mask].copyFrom(frame);
    TAIL.setRelease(this, t + 1);
  }

  /** Consumer thread: hands up to {@code limit} queued ticks to {@code consumer}, oldest first; returns how many. */
  public int drain(Consumer consumer, int limit) {
    long h = (long) HEAD.getOpaque(this);
    long available = (long) TAIL.getAcquire(this) - h;
    int n = (int) Math.min(available, limit);
    for (int i = 0; i < n; i++) {
      consumer.onTick(frames[(int) (h + i) & mask]);
      HEAD.setRelease(this, h + i + 1);
    }
    return n;
  }

  /** Ticks offered to this queue after decimation. */
  public long offered() {
    return offered;
  }

  /** Ticks dropped because the consumer was behind. */
  public long dropped() {
    return dropped;
  }

  /** Ticks waiting for the consumer. */
  public int size() {
    return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this));
  }
}
