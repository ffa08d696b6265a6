package dev.foresight.runtime.loop;

import dev.foresight.runtime.handoff.SeqLock;

/**
 * The latest tick for observers that want "now" rather than every tick (terminal view, a
 * telemetry thread sampling at its own rate): the control thread publishes each tick under a
 * {@link SeqLock}, without locks or allocation; readers copy it out and retry if it changed meanwhile.
 *
 * <pre>{@code
 * TickFrame view = robot.loop().newFrame();
 * if (robot.loop().snapshot().read(view)) show(view.state, view.applied, view.mode);
 * }</pre>
 */
public final class LoopSnapshot {

  private final SeqLock<TickFrame> latest;

  /** A snapshot holding frames shaped like {@code template}. */
  public LoopSnapshot(TickFrame template) {
    latest = new SeqLock<>(TickFrame.like(template), (from, to) -> to.copyFrom(from));
  }

  /** Publishes a tick. Control thread only. */
  void publish(TickFrame from) {
    latest.write(from);
  }

  /** Copies the latest tick into {@code into}; returns false if nothing was published yet. */
  public boolean read(TickFrame into) {
    return latest.read(into) != 0;
  }
}
