package dev.foresight.runtime.events;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded broadcast log of {@link Event}s: any thread emits without locks or allocation (the
 * control thread included); each consumer reads at its own pace through its own
 * {@link Subscription}. Producers never wait for consumers: when a consumer falls more than the
 * capacity behind, the oldest events are overwritten and the consumer is told how many it lost.
 *
 * <p>Consumer example (the MQTT link, the recorder), on the consumer's own thread:
 * <pre>{@code
 * EventLog.Subscription events = robot.events().subscribe();
 * while (running) {
 *   events.poll(event -> publish(event.severity(), event.message()), 100);
 *   if (events.lost() > reported) { ... }
 *   Thread.sleep(20);
 * }
 * }</pre>
 *
 * <p>Producer side: {@link #emit} copies primitives and references to strings that already exist
 * (channel names, constant details) into a preallocated slot, so emitting from the control thread
 * allocates nothing; consumers build the immutable {@link Event} on their side. Each slot is a
 * sequence lock: the writer marks it odd, writes, marks it even with the event's sequence.
 */
public final class EventLog {

  /** Default capacity: events since the oldest a late consumer can still read. */
  public static final int DEFAULT_CAPACITY = 1024;

  private static final VarHandle VERSION;

  static {
    try {
      VERSION = MethodHandles.lookup().findVarHandle(Slot.class, "version", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Slot[] slots;
  private final int mask;
  private final AtomicLong next = new AtomicLong();
  private final long epochMsAtNs0;

  /**
   * @param capacity   events kept for late consumers; rounded up to a power of two
   * @param epochMsAt0 wall-clock epoch milliseconds at loop clock time 0 (so events get an epoch
   *                   timestamp without another clock read): {@code clock.epochMillis() -
   *                   clock.nanoTime() / 1_000_000}
   */
  public EventLog(int capacity, long epochMsAt0) {
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    slots = new Slot[size];
    for (int i = 0; i < size; i++) slots[i] = new Slot();
    mask = size - 1;
    epochMsAtNs0 = epochMsAt0;
  }

  /**
   * Appends an event. Any thread; allocation-free; never blocks.
   *
   * @param nowNs    loop clock time
   * @param severity how much it matters
   * @param kind     what happened
   * @param cause    why
   * @param subject  what it concerns, or empty (pass a string that already exists; no concatenation
   *                 on the control thread)
   * @param response what the runtime did
   * @param value    the offending value, or NaN
   * @param limit    the limit, or NaN
   * @param count    a count, or 0
   * @param detail   a short addition, or empty
   * @return the event's sequence number
   */
  public long emit(long nowNs, Severity severity, EventKind kind, Cause cause, String subject, Response response,
      double value, double limit, long count, String detail) {
    long sequence = next.getAndIncrement();
    Slot s = slots[(int) sequence & mask];
    VERSION.setVolatile(s, 2 * sequence + 1);
    VarHandle.storeStoreFence();
    s.timeNs = nowNs;
    s.severity = severity;
    s.kind = kind;
    s.cause = cause;
    s.subject = subject != null ? subject : "";
    s.response = response;
    s.value = value;
    s.limit = limit;
    s.count = count;
    s.detail = detail != null ? detail : "";
    VERSION.setRelease(s, 2 * sequence + 2);
    return sequence;
  }

  /** The epoch milliseconds of loop clock time {@code nowNs}. */
  public long epochMs(long nowNs) {
    return epochMsAtNs0 + Math.floorDiv(nowNs, 1_000_000L);
  }

  /** Events emitted so far (the next sequence number). */
  public long emitted() {
    return next.get();
  }

  /** Slots kept for late consumers. */
  public int capacity() {
    return slots.length;
  }

  /** A consumer that sees events emitted from now on. */
  public Subscription subscribe() {
    return new Subscription(next.get());
  }

  /** A consumer that starts with the oldest event still kept. */
  public Subscription subscribeFromOldest() {
    return new Subscription(Math.max(0, next.get() - slots.length));
  }

  /** The last {@code n} events still kept, oldest first (for displays; allocates). */
  public List<Event> recent(int n) {
    Subscription s = new Subscription(Math.max(0, next.get() - Math.min(n, slots.length)));
    List<Event> out = new ArrayList<>();
    s.poll(out::add, Integer.MAX_VALUE);
    return out;
  }

  /**
   * One consumer's position in the log. Not thread-safe: one consumer thread per subscription
   * (create one per consumer; they do not affect each other or the producers).
   */
  public final class Subscription {

    private long cursor;
    private long lost;

    private Subscription(long cursor) {
      this.cursor = cursor;
    }

    /**
     * Hands up to {@code limit} new events to {@code handler}, oldest first, and returns how many.
     * Events overwritten before this consumer read them are skipped and counted in {@link #lost()}.
     */
    public int poll(Consumer<? super Event> handler, int limit) {
      int delivered = 0;
      while (delivered < limit) {
        Slot s = slots[(int) cursor & mask];
        long expected = 2 * cursor + 2;
        long before = (long) VERSION.getAcquire(s);
        // Below: not yet written (an older lap's event, or being written right now); wait for it.
        if (before < expected) return delivered;
        if (before > expected) {
          skipLapped();
          continue;
        }
        Event event = new Event(cursor, s.timeNs, epochMs(s.timeNs), s.severity,
            s.kind, s.cause, s.subject, s.response, s.value, s.limit, s.count, s.detail);
        VarHandle.loadLoadFence();
        if ((long) VERSION.getVolatile(s) != before) {
          skipLapped();
          continue;
        }
        cursor++;
        handler.accept(event);
        delivered++;
      }
      return delivered;
    }

    private void skipLapped() {
      long oldest = Math.max(cursor + 1, next.get() - slots.length);
      lost += oldest - cursor;
      cursor = oldest;
    }

    /** Events this consumer missed because it fell more than the capacity behind. */
    public long lost() {
      return lost;
    }

    /** Events emitted but not yet polled by this consumer. */
    public long pending() {
      return Math.max(0, next.get() - cursor);
    }
  }

  /** A preallocated event slot; {@code version} is its sequence lock. */
  private static final class Slot {
    @SuppressWarnings("unused") private volatile long version;
    long timeNs;
    Severity severity;
    EventKind kind;
    Cause cause;
    String subject;
    Response response;
    double value;
    double limit;
    long count;
    String detail;
  }
}
