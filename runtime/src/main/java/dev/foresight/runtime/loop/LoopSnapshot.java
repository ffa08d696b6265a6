package dev.foresight.runtime.loop;

import dev.foresight.runtime.safety.Mode;
import java.lang.invoke.VarHandle;

/**
 * The latest tick, published by the control thread and read by observers (terminal view,
 * telemetry) without locks or allocation on the writer's side: a sequence lock. The writer makes
 * the sequence odd, writes, makes it even; a reader retries when the sequence was odd or changed.
 */
public final class LoopSnapshot {

  private volatile long sequence;
  private long tick;
  private long nowNs;
  private final double[] state;
  private final double[] action;
  private double cost;
  private Mode mode = Mode.DISARMED;
  private String phase = "";

  /** Sized for the config's state and action vectors. */
  public LoopSnapshot(int stateSize, int actionSize) {
    state = new double[stateSize];
    action = new double[actionSize];
  }

  /** Publishes a tick. Control thread only. */
  void publish(long tick, long nowNs, double[] state, double[] action, double cost, Mode mode, String phase) {
    long s = sequence;
    sequence = s + 1;
    VarHandle.storeStoreFence();
    this.tick = tick;
    this.nowNs = nowNs;
    System.arraycopy(state, 0, this.state, 0, this.state.length);
    System.arraycopy(action, 0, this.action, 0, this.action.length);
    this.cost = cost;
    this.mode = mode;
    this.phase = phase;
    sequence = s + 2;
  }

  /** Copies the latest tick into {@code into}; returns false if nothing was published yet. */
  public boolean read(View into) {
    while (true) {
      long before = sequence;
      if ((before & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      into.tick = tick;
      into.nowNs = nowNs;
      System.arraycopy(state, 0, into.state, 0, state.length);
      System.arraycopy(action, 0, into.action, 0, action.length);
      into.cost = cost;
      into.mode = mode;
      into.phase = phase;
      VarHandle.loadLoadFence();
      if (sequence == before) return before != 0;
    }
  }

  /** A reader's copy of one tick. */
  public static final class View {
    /** Tick number, from 1. */
    public long tick;
    /** Tick time, ns. */
    public long nowNs;
    /** State estimate. */
    public final double[] state;
    /** Applied (supervised) action. */
    public final double[] action;
    /** Cost the plant or planner reports for the tick (NaN when none). */
    public double cost;
    /** Supervisor mode. */
    public Mode mode;
    /** Controller phase. */
    public String phase;

    /** A view sized like the snapshot it will read. */
    public View(int stateSize, int actionSize) {
      state = new double[stateSize];
      action = new double[actionSize];
    }
  }
}
