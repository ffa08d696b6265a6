package dev.foresight.sim.hardware;

import java.util.Arrays;

/**
 * The header's GPIO lines (BCM 0..27) as the simulator sees them: outputs the drivers write, and
 * inputs the simulated world drives (encoder channels, buttons) or leaves to their pull
 * resistors. Input changes are delivered to the Pi4J input on that line as edge events.
 */
public final class EmulatedGpio {

  /** Lines on the 40-pin header. */
  public static final int LINES = 28;

  /** Receives a line's edges (the Pi4J adapter for an input line). */
  public interface EdgeListener {
    /** The line changed to {@code high}. */
    void edge(boolean high);
  }

  private final boolean[] level = new boolean[LINES];
  private final boolean[] pullUp = new boolean[LINES];
  private final boolean[] worldDriven = new boolean[LINES];
  private final boolean[] failWrites = new boolean[LINES];
  private final EdgeListener[] listeners = new EdgeListener[LINES];
  private final long[] writes = new long[LINES];

  /** The line's level now. */
  public boolean level(int line) {
    return level[line];
  }

  /** Writes that reached the line from a driver. */
  public long writes(int line) {
    return writes[line];
  }

  /** Makes writes to {@code line} fail (a broken GPIO), or work again. */
  public void failWrites(int line, boolean fail) {
    failWrites[line] = fail;
  }

  /** Whether writes to the line fail. */
  public boolean writeFails(int line) {
    return failWrites[line];
  }

  /** A driver set an output line. */
  public void write(int line, boolean high) {
    writes[line]++;
    level[line] = high;
  }

  /** A driver claimed {@code line} as an input with this pull resistor (null: none). */
  public void input(int line, Boolean pullUpResistor, EdgeListener listener) {
    pullUp[line] = Boolean.TRUE.equals(pullUpResistor);
    listeners[line] = listener;
    if (!worldDriven[line]) level[line] = pullUp[line];
  }

  /** A resistor on the board pulls {@code line} up (or down) while nothing drives it. */
  public void pull(int line, boolean up) {
    pullUp[line] = up;
    if (!worldDriven[line]) level[line] = up;
  }

  /** The simulated world drives {@code line} to {@code high}, notifying the input on it. */
  public void drive(int line, boolean high) {
    worldDriven[line] = true;
    set(line, high);
  }

  /** The world stops driving {@code line}; it returns to its pull resistor's level. */
  public void release(int line) {
    worldDriven[line] = false;
    set(line, pullUp[line]);
  }

  /**
   * Sets two lines at once and notifies only {@code notified}: what a sampled input sees when
   * two edges come too close together to be told apart (an illegal quadrature transition).
   */
  public void driveBoth(int lineA, boolean highA, int lineB, boolean highB, int notified) {
    worldDriven[lineA] = true;
    worldDriven[lineB] = true;
    level[lineA] = highA;
    level[lineB] = highB;
    EdgeListener l = listeners[notified];
    if (l != null) l.edge(level[notified]);
  }

  private void set(int line, boolean high) {
    if (level[line] == high) return;
    level[line] = high;
    EdgeListener l = listeners[line];
    if (l != null) l.edge(high);
  }

  /** Forgets the input's listener (the Pi4J device shut down). */
  public void detach(int line) {
    listeners[line] = null;
  }

  @Override
  public String toString() {
    return "EmulatedGpio" + Arrays.toString(level);
  }
}
