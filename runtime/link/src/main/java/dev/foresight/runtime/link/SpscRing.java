package dev.foresight.runtime.link;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A bounded single-producer single-consumer ring of preallocated, reusable slots: the producer
 * claims a slot, fills it and publishes it; the consumer reads published slots in order and
 * releases them. Neither side blocks or allocates; a producer that finds the ring full gets
 * {@code null} and counts a drop. This is how the control thread hands samples to the network
 * thread without ever waiting for it.
 *
 * <pre>{@code
 * SpscRing<double[]> ring = new SpscRing<>(256, () -> new double[3]);
 * double[] slot = ring.claim();          // producer
 * if (slot != null) { fill(slot); ring.publish(); }
 * double[] next = ring.peek();           // consumer
 * if (next != null) { send(next); ring.release(); }
 * }</pre>
 *
 * @param <T> the slot type
 */
public final class SpscRing<T> {

  private final Object[] slots;
  private final int mask;
  private final AtomicLong head = new AtomicLong();   // next slot to read; written by the consumer
  private final AtomicLong tail = new AtomicLong();   // next slot to write; written by the producer
  private final AtomicLong drops = new AtomicLong();

  /**
   * @param capacity a power of two
   * @param factory  makes each slot once
   */
  public SpscRing(int capacity, Supplier<T> factory) {
    if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity must be a power of two");
    slots = new Object[capacity];
    for (int i = 0; i < capacity; i++) slots[i] = factory.get();
    mask = capacity - 1;
  }

  /** Producer: the next free slot to fill, or null (and a counted drop) when the ring is full. */
  @SuppressWarnings("unchecked")
  public T claim() {
    long t = tail.get();
    if (t - head.get() >= slots.length) {
      drops.lazySet(drops.get() + 1);
      return null;
    }
    return (T) slots[(int) (t & mask)];
  }

  /** Producer: makes the slot returned by the last {@link #claim()} visible to the consumer. */
  public void publish() {
    tail.lazySet(tail.get() + 1);
  }

  /** Consumer: the oldest published slot, or null when there is none. */
  @SuppressWarnings("unchecked")
  public T peek() {
    long h = head.get();
    if (h >= tail.get()) return null;
    return (T) slots[(int) (h & mask)];
  }

  /** Consumer: frees the slot returned by the last {@link #peek()}. */
  public void release() {
    head.lazySet(head.get() + 1);
  }

  /** Published slots not yet released. */
  public int size() {
    return (int) (tail.get() - head.get());
  }

  /** Slots the ring holds. */
  public int capacity() {
    return slots.length;
  }

  /** Claims refused because the ring was full. */
  public long drops() {
    return drops.get();
  }
}
