package dev.foresight.runtime.loop;

import java.lang.invoke.VarHandle;

/**
 * The latest tick for observers that want "now" rather than every tick (terminal view, a
 * telemetry thread sampling at its own rate): the control thread publishes each tick under a
 * sequence lock, without locks or allocation; readers copy it out and retry if it changed meanwhile.
 *
 * <pre>{@code
 * TickFrame view = robot.loop().newFrame();
 * if (robot.loop().snapshot().read(view)) show(view.state, view.applied, view.mode);
 * }</pre>
 */
public final class LoopSnapshot {

  private volatile long sequence;
  private final TickFrame frame;

  /** A snapshot holding frames shaped like {@code template}. */
  public LoopSnapshot(TickFrame template) {
    frame = TickFrame.like(template);
  }

  /** Publishes a tick. Control thread only. */
  void publish(TickFrame from) {
    long s = sequence;
    sequence = s + 1;
    VarHandle.storeStoreFence();
    frame.copyFrom(from);
    sequence = s + 2;
  }

  /** Copies the latest tick into {@code into}; returns false if nothing was published yet. */
  public boolean read(TickFrame into) {
    while (true) {
      long before = sequence;
      if ((before & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      into.copyFrom(frame);
      VarHandle.loadLoadFence();
      if (sequence == before) return before != 0;
    }
  }
}
