package dev.foresight.runtime.link;

import dev.foresight.runtime.loop.ControlLoop;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;

/**
 * The control thread's side of telemetry: a publish-phase tap on the loop that keeps every
 * {@link #decimation()}-th tick in a bounded queue the network thread drains. The loop never waits:
 * when the network thread has fallen behind and the queue is full, the tick is dropped and counted
 * ({@link #drops()}), and the count is published in {@code metrics}. Allocation-free on the control
 * thread (the queue's frames are preallocated).
 */
public final class TelemetryTap {

  private final TickQueue queue;
  private final int decimation;

  /**
   * Attaches the tap; call before the loop starts.
   *
   * @param loop     the control loop
   * @param loopHz   loop rate
   * @param rateHz   telemetry rate (at most the loop rate); the tap keeps every
   *                 {@code round(loopHz / rateHz)}-th tick
   * @param capacity ticks buffered before drops
   */
  public TelemetryTap(ControlLoop loop, double loopHz, double rateHz, int capacity) {
    this.decimation = Math.max(1, (int) Math.round(loopHz / rateHz));
    this.queue = loop.addTap(Phase.PUBLISH, capacity, decimation);
  }

  /** Ticks per sample. */
  public int decimation() {
    return decimation;
  }

  /** Network thread: hands up to {@code limit} samples to {@code consumer}, oldest first. */
  public int drain(TickQueue.Consumer consumer, int limit) {
    return queue.drain(consumer, limit);
  }

  /** Samples waiting for the network thread. */
  public int pending() {
    return queue.size();
  }

  /** Samples dropped because the network thread had fallen behind. */
  public long drops() {
    return queue.dropped();
  }
}
