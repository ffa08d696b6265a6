package dev.foresight.runtime.link;

import java.util.ArrayDeque;

/**
 * The events waiting to be delivered, in order, each with its sequence number. While the broker
 * is unreachable events stay here (up to a bound; beyond it the oldest go and are counted), and
 * they leave only once the broker has acknowledged them (QoS 1), so a broker restart loses none.
 * Network thread only.
 */
final class Outbox {

  /** An event with its sequence number. */
  record Numbered(long seq, LinkEvent event) {}

  private final ArrayDeque<Numbered> pending = new ArrayDeque<>();
  private final int capacity;
  private long nextSeq = 1;
  private long dropped;

  Outbox(int capacity) {
    this.capacity = capacity;
  }

  void add(LinkEvent event) {
    if (pending.size() >= capacity) {
      pending.pollFirst();
      dropped++;
    }
    pending.addLast(new Numbered(nextSeq++, event));
  }

  Numbered head() {
    return pending.peekFirst();
  }

  void removeHead() {
    pending.pollFirst();
  }

  int size() {
    return pending.size();
  }

  long dropped() {
    return dropped;
  }
}
