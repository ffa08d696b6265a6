package dev.foresight.runtime.events;

import dev.foresight.runtime.handoff.SeqLock;
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
 * <p>Consumer example (the MQTT link, the recorder): subscribe once, poll in the consumer's
 * agent ({@code dev.foresight.runtime.agent}):
 * <pre>{@code
 * EventLog.Subscription events = robot.events().subscribe();
 * public int doWork(long nowNs) {
 *   int n = events.poll(event -> publish(event.severity(), event.message()), 100);
 *   if (events.lost() > reported) { ... }
 *   return n;
 * }
 * }</pre>
 *
 * <p>Producer side: {@link #emit(EventDraft)} copies primitives and references to strings that
 * already exist (channel names, constant details) from the caller's reusable {@link EventDraft}
 * into a preallocated slot, so emitting from the control thread allocates nothing; consumers build
 * the immutable {@link Event} on their side. Each slot is a {@link SeqLock} holding its event's
 * sequence number, so a consumer tells a slot not yet written from one overwritten a lap later.
 * A slot is rewritten only a full lap (the capacity) after it was claimed.
 */
public final class EventLog {

  /** Default capacity: events since the oldest a late consumer can still read. */
  public static final int DEFAULT_CAPACITY = 1024;

  private final SeqLock<Slot>[] slots;
  private final int mask;
  private final AtomicLong next = new AtomicLong();
  private final long epochMsAtNs0;

  /**
   * @param capacity   events kept for late consumers; rounded up to a power of two
   * @param epochMsAt0 wall-clock epoch milliseconds at loop clock time 0 (so events get an epoch
   *                   timestamp without another clock read): {@code clock.epochMillis() -
   *                   clock.nanoTime() / 1_000_000}
   */
  @SuppressWarnings("unchecked")
  public EventLog(int capacity, long epochMsAt0) {
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    slots = (SeqLock<Slot>[]) new SeqLock<?>[size];
    for (int i = 0; i < size; i++) slots[i] = new SeqLock<>(new Slot(), Slot::copy);
    mask = size - 1;
    epochMsAtNs0 = epochMsAt0;
  }

  /**
   * Appends the event {@code draft} describes. Any thread; allocation-free; never blocks.
   *
   * @return the event's sequence number
   */
  public long emit(EventDraft draft) {
    long sequence = next.getAndIncrement();
    SeqLock<Slot> slot = slots[(int) sequence & mask];
    slot.beginWrite().fill(sequence, draft);
    slot.endWrite();
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

    private final Slot copy = new Slot();
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
        // Busy, or an older lap's event: the one at the cursor is being written or not yet; wait for it.
        if (slots[(int) cursor & mask].tryRead(copy) == SeqLock.BUSY || copy.sequence < cursor) return delivered;
        if (copy.sequence > cursor) {
          skipLapped();
          continue;
        }
        Event event = new Event(cursor, copy.timeNs, epochMs(copy.timeNs), copy.severity, copy.kind, copy.cause,
            copy.subject, copy.response, copy.value, copy.limit, copy.count, copy.detail);
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

  /** A preallocated event slot (and a consumer's copy of one). */
  private static final class Slot {
    long sequence = -1;   // the event's position in the log; -1: never written
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

    void fill(long sequence, EventDraft d) {
      this.sequence = sequence;
      timeNs = d.timeNs;
      severity = d.severity;
      kind = d.kind;
      cause = d.cause;
      subject = d.subject;
      response = d.response;
      value = d.value;
      limit = d.limit;
      count = d.count;
      detail = d.detail;
    }

    static void copy(Slot from, Slot to) {
      to.sequence = from.sequence;
      to.timeNs = from.timeNs;
      to.severity = from.severity;
      to.kind = from.kind;
      to.cause = from.cause;
      to.subject = from.subject;
      to.response = from.response;
      to.value = from.value;
      to.limit = from.limit;
      to.count = from.count;
      to.detail = from.detail;
    }
  }
}
