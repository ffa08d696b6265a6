package dev.foresight.runtime.io;

import dev.foresight.drivers.Status;
import dev.foresight.runtime.time.SteppedClock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A robot I/O for tests: raw channels whose values and statuses the test sets, actuator writes
 * that can fail or throw, a sense phase that can take stepped-clock time or block, and a record of
 * what was written and how often outputs were made safe (and from which thread).
 */
public final class TestIo implements RobotIo {

  private final List<String> names;
  /** Values the next sense returns. */
  public final double[] values;
  /** Statuses the next sense returns. */
  public final byte[] status;
  /** Status the next act reports per action. */
  public final byte[] actStatus;
  /** The last action written. */
  public final double[] lastAction;
  /** Outputs made safe: how often. */
  public final AtomicInteger safeCalls = new AtomicInteger();
  /** The thread of the latest safe() call. */
  public volatile Thread lastSafeThread;
  /** When set, act throws this. */
  public volatile RuntimeException actThrows;
  /** When set (with {@link #clock}), sense advances the stepped clock by this much. */
  public volatile long senseTakesNs;
  /** When set (with {@link #clock}), sense call n (from 1) advances the stepped clock by this. */
  public volatile java.util.function.LongUnaryOperator senseTakesByCall;
  private long senseCalls;
  /** The stepped clock sense advances. */
  public volatile SteppedClock clock;
  /** When set, sense blocks until it is counted down (a stalled driver). */
  public volatile CountDownLatch senseBlocks;
  /** Act calls so far. */
  public final AtomicInteger acts = new AtomicInteger();

  /** Channels with these names, all reading 0 and OK; {@code actions} action variables. */
  public TestIo(List<String> names, int actions) {
    this.names = List.copyOf(names);
    this.values = new double[names.size()];
    this.status = new byte[names.size()];
    this.actStatus = new byte[actions];
    this.lastAction = new double[actions];
  }

  /** Sets a channel's next value (status OK). */
  public TestIo set(String channel, double value) {
    values[index(channel)] = value;
    status[index(channel)] = Status.OK;
    return this;
  }

  /** Sets a channel's next status. */
  public TestIo status(String channel, byte s) {
    status[index(channel)] = s;
    return this;
  }

  private int index(String channel) {
    int i = names.indexOf(channel);
    if (i < 0) throw new IllegalArgumentException("no channel " + channel + " in " + names);
    return i;
  }

  @Override
  public List<String> rawNames() {
    return names;
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] s) {
    CountDownLatch block = senseBlocks;
    if (block != null) {
      try {
        block.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    senseCalls++;
    if (clock != null && senseTakesNs > 0) clock.advance(senseTakesNs);
    var byCall = senseTakesByCall;
    if (clock != null && byCall != null) clock.advance(byCall.applyAsLong(senseCalls));
    System.arraycopy(values, 0, raw, 0, raw.length);
    System.arraycopy(status, 0, s, 0, s.length);
  }

  @Override
  public void act(long nowNs, double[] action) {
    throw new UnsupportedOperationException("the loop calls act with a status array");
  }

  @Override
  public void act(long nowNs, double[] action, byte[] s) {
    acts.incrementAndGet();
    RuntimeException t = actThrows;
    if (t != null) throw t;
    System.arraycopy(action, 0, lastAction, 0, action.length);
    System.arraycopy(actStatus, 0, s, 0, s.length);
  }

  @Override
  public void safe() {
    safeCalls.incrementAndGet();
    lastSafeThread = Thread.currentThread();
    Arrays.fill(lastAction, 0.0);
  }

  /** Single outputs made safe (the per-actuator expiry): how often. */
  public final AtomicInteger actuatorSafeCalls = new AtomicInteger();
  /** The thread of the latest safe(action) call. */
  public volatile Thread lastActuatorSafeThread;

  @Override
  public void safe(int action) {
    actuatorSafeCalls.incrementAndGet();
    lastActuatorSafeThread = Thread.currentThread();
    lastAction[action] = 0.0;
  }

  @Override
  public void close() {
    safe();
  }
}
