package dev.foresight.runtime.link;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Acknowledgements waiting for the network thread, and the ids seen recently (for duplicates).
 * Posted from the client library's callback thread and the network thread; never from the
 * control thread (its results come back through a ring).
 */
final class Acks {

  /**
   * One reply.
   *
   * @param status    {@code accepted}, {@code rejected} or {@code ignored} (duplicate)
   * @param reason    why it was rejected or ignored; for an accepted e-stop, what was wrong with it
   */
  record Ack(String id, String command, String status, String reason, String mode, Command.Reply reply,
      long epochMs) {}

  private final ArrayBlockingQueue<Ack> queue = new ArrayBlockingQueue<>(256);
  private final Map<String, String> seen = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > 4096;
    }
  });

  /** Queues a reply; false when the queue is full (the reply is lost, the command is not). */
  boolean post(Ack ack) {
    return queue.offer(ack);
  }

  Ack poll() {
    return queue.poll();
  }

  /** Records the id with its outcome; returns the earlier outcome if the id was already seen, else null. */
  String remember(String id, String outcome) {
    return seen.putIfAbsent(id, outcome);
  }

  /** Updates the outcome of a seen id. */
  void outcome(String id, String outcome) {
    seen.put(id, outcome);
  }
}
