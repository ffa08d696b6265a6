package dev.foresight.runtime.link;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded event source any non-control thread may post to (command intake, the link itself).
 * A post to a full queue is dropped and counted, never waited for.
 */
public final class EventQueue implements EventSource {

  private final ArrayBlockingQueue<LinkEvent> queue;
  private final AtomicLong drops = new AtomicLong();

  /** A queue holding at most {@code capacity} events. */
  public EventQueue(int capacity) {
    queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Posts an event; returns false (and counts a drop) when full. */
  public boolean post(LinkEvent event) {
    boolean ok = queue.offer(event);
    if (!ok) drops.incrementAndGet();
    return ok;
  }

  @Override
  public int drain(Consumer<LinkEvent> sink, int limit) {
    int n = 0;
    LinkEvent e;
    while (n < limit && (e = queue.poll()) != null) {
      sink.accept(e);
      n++;
    }
    return n;
  }

  /** Events refused because the queue was full. */
  public long drops() {
    return drops.get();
  }
}
