package dev.foresight.runtime.safety;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.EventDraft;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Severity;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;

/**
 * Per-actuator expiry, as WPILib's MotorSafety: every action's actuator must be written at least
 * once per {@code action[].expiry_ms} (default max(100 ms, 3 periods)); one that was not is put in
 * its safe state from the watchdog thread, whatever the control thread is doing (stuck in a driver,
 * a planner, a pause). The next successful write feeds it again, as a MotorSafety motor that is set
 * again; a stall long enough for the loop watchdog latches the e-stop on top.
 *
 * <p>The control thread reports writes ({@link #written}, from the supervisor's act phase; a write
 * whose status is not OK does not feed the expiry); the watchdog thread calls {@link #check}. Both are
 * allocation-free.
 */
public final class ActuatorExpiry {

  private final long[] expiryNs;
  private final double[] expiryMs;
  private final String[] names;
  private final AtomicLongArray lastWriteNs;
  private final boolean[] expired;
  private final IntConsumer outputSafe;
  private final EventLog events;
  private final EventDraft event = new EventDraft();
  private final AtomicLong expiries = new AtomicLong();
  private final long shortestNs;

  /**
   * @param config     the action variables and their expiries
   * @param periodNs   the loop period (the default expiry is three of them, at least 100 ms)
   * @param outputSafe puts action {@code i}'s actuator in its safe state; called from the watchdog thread
   * @param events     where an expiry is reported
   */
  ActuatorExpiry(RobotConfig config, long periodNs, IntConsumer outputSafe, EventLog events) {
    List<ActionVariable> actions = config.action();
    int m = actions.size();
    expiryNs = new long[m];
    expiryMs = new double[m];
    names = new String[m];
    long shortest = Long.MAX_VALUE;
    for (int i = 0; i < m; i++) {
      expiryNs[i] = actions.get(i).expiryNs(periodNs);
      expiryMs[i] = expiryNs[i] * 1e-6;
      names[i] = actions.get(i).name();
      shortest = Math.min(shortest, expiryNs[i]);
    }
    this.shortestNs = shortest;
    lastWriteNs = new AtomicLongArray(m);
    for (int i = 0; i < m; i++) lastWriteNs.set(i, Long.MIN_VALUE);
    expired = new boolean[m];
    this.outputSafe = outputSafe;
    this.events = events;
  }

  /** The act phase wrote every action at {@code nowNs} with these statuses. Control thread. */
  void written(long nowNs, byte[] status) {
    for (int i = 0; i < status.length; i++) {
      if (status[i] == Status.OK) lastWriteNs.setRelease(i, nowNs);
    }
  }

  /**
   * Puts every actuator whose latest write is older than its expiry in its safe state (once per
   * expiry; again only after it was written again). Watchdog thread.
   *
   * @return how many actuators are expired now
   */
  public int check(long nowNs) {
    int now = 0;
    for (int i = 0; i < expiryNs.length; i++) {
      long last = lastWriteNs.getAcquire(i);
      if (last == Long.MIN_VALUE) continue;   // never written: the outputs start safe
      long age = nowNs - last;
      if (age <= expiryNs[i]) {
        expired[i] = false;
        continue;
      }
      now++;
      if (expired[i]) continue;
      expired[i] = true;
      expiries.incrementAndGet();
      outputSafe.accept(i);
      events.emit(event.begin(nowNs, Severity.ERROR, EventKind.WATCHDOG, Cause.ACTUATOR_EXPIRED).subject(names[i])
          .value(age * 1e-6).limit(expiryMs[i]).detail("output safe"));
    }
    return now;
  }

  /** Times an actuator expired. */
  public long expiries() {
    return expiries.get();
  }

  /** The shortest expiry, ns (the watchdog checks at least 20 times within it). */
  public long shortestNs() {
    return shortestNs;
  }

  /** Action {@code i}'s expiry, ns. */
  public long expiryNs(int i) {
    return expiryNs[i];
  }
}
