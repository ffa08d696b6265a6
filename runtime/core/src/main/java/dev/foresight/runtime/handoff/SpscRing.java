package dev.foresight.runtime.handoff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * A bounded single-producer single-consumer ring of preallocated, reusable slots: the producer
 * claims the next free slot, fills it in place and publishes it; the consumer peeks at the oldest
 * published slot, uses it and releases it. Neither side locks, waits or allocates; a producer that
 * finds the ring full gets {@code null} and a drop is counted. The control thread hands ticks to
 * the recorder and the link this way ({@code TickQueue}), and the link hands commands to the
 * control thread and their outcomes back.
 *
 * <pre>{@code
 * SpscRing<double[]> ring = new SpscRing<>(256, () -> new double[3]);
 * double[] slot = ring.claim();          // producer
 * if (slot != null) { fill(slot); ring.publish(); }
 * double[] next = ring.peek();           // consumer
 * if (next != null) { send(next); ring.release(); }
 * }</pre>
 *
 * <p>Exactly one thread produces and one consumes (each may change over time, with a
 * happens-before between the old and the new one, e.g. a thread start). A slot belongs to the
 * producer from {@code claim} to {@code publish} and to the consumer from {@code peek} to
 * {@code release}; the other side never touches it meanwhile. Each side caches the other's counter
 * and reads it again only when the cache says full (producer) or empty (consumer).
 *
 * @param <T> the slot type
 */
public final class SpscRing<T> {

  private static final VarHandle HEAD;
  private static final VarHandle TAIL;
  private static final VarHandle DROPS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(SpscRing.class, "head", long.class);
      TAIL = lookup.findVarHandle(SpscRing.class, "tail", long.class);
      DROPS = lookup.findVarHandle(SpscRing.class, "drops", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] slots;
  private final int mask;
  @SuppressWarnings("unused") private volatile long head;   // next slot to read; written by the consumer
  @SuppressWarnings("unused") private volatile long tail;   // next slot to write; written by the producer
  @SuppressWarnings("unused") private volatile long drops;  // written by the producer
  private long headCache;                                   // producer only
  private long tailCache;                                   // consumer only

  /**
   * @param capacity slots; rounded up to a power of two (at least 2)
   * @param factory  makes each slot, once, here
   */
  public SpscRing(int capacity, Supplier<? extends T> factory) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    slots = new Object[size];
    for (int i = 0; i < size; i++) slots[i] = factory.get();
    mask = size - 1;
  }

  /** Producer: the next free slot to fill, or null (and a counted drop) when the ring is full. */
  @SuppressWarnings("unchecked")
  public T claim() {
    long t = (long) TAIL.getOpaque(this);
    if (t - headCache >= slots.length) {
      headCache = (long) HEAD.getAcquire(this);
      if (t - headCache >= slots.length) {
        DROPS.setRelease(this, (long) DROPS.getOpaque(this) + 1);
        return null;
      }
    }
    return (T) slots[(int) t & mask];
  }

  /**
   * Producer: makes the slot of the last successful {@link #claim()} visible to the consumer.
   *
   * @throws IllegalStateException when there is no claimed slot (the ring is full)
   */
  public void publish() {
    long t = (long) TAIL.getOpaque(this);
    if (t - headCache >= slots.length) throw new IllegalStateException("publish without a claimed slot");
    TAIL.setRelease(this, t + 1);
  }

  /** Consumer: the oldest published slot, or null when there is none. */
  @SuppressWarnings("unchecked")
  public T peek() {
    long h = (long) HEAD.getOpaque(this);
    if (h >= tailCache) {
      tailCache = (long) TAIL.getAcquire(this);
      if (h >= tailCache) return null;
    }
    return (T) slots[(int) h & mask];
  }

  /**
   * Consumer: frees the slot of the last {@link #peek()} for the producer.
   *
   * @throws IllegalStateException when there is no peeked slot (the ring is empty)
   */
  public void release() {
    long h = (long) HEAD.getOpaque(this);
    if (h >= tailCache) throw new IllegalStateException("release without a published slot");
    HEAD.setRelease(this, h + 1);
  }

  /** Published slots not yet released (a moment's view; either side or an observer). */
  public int size() {
    long h = (long) HEAD.getAcquire(this);
    long t = (long) TAIL.getAcquire(this);
    return (int) Math.max(0, Math.min(slots.length, t - h));
  }

  /** Slots the ring holds. */
  public int capacity() {
    return slots.length;
  }

  /** Claims refused because the ring was full. */
  public long drops() {
    return (long) DROPS.getAcquire(this);
  }
}
