package dev.foresight.runtime.safety;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.FaultClass;
import dev.foresight.config.Reaction;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.events.Cause;
import dev.foresight.runtime.events.EventDraft;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.Response;
import dev.foresight.runtime.events.Severity;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The last stage before the actuators, independent of the planner and the model. Each tick it
 * <ul>
 *   <li>checks the e-stop input and the health of every sensor channel the state comes from;
 *   <li>feeds every fault source (the {@link FaultClass}es and each envelope bound) to its failsafe
 *       ladder and applies the strongest reaction in force: warn, hold the last good command, drive
 *       with the fallback controller, or latch a safe stop;
 *   <li>lets actions through only while armed, clipped to their limits and slew-limited; otherwise
 *       the actuators get their safe values.
 * </ul>
 * Stops latch: {@link Mode#SAFE_STOP} and {@link Mode#ESTOP} are left only by {@link #reset}
 * followed by {@link #arm}. Every transition is an event on the {@link EventLog}.
 *
 * <p>Commands ({@link #arm}, {@link #disarm}, {@link #estop}, {@link #reset}) come from any thread
 * and take effect at once: an e-stop puts the outputs safe on the caller's thread before it
 * returns, and the next tick holds them there. The tick methods run on the control thread and
 * allocate nothing while no fault changes state.
 *
 * <pre>{@code
 * robot.safety().arm("cli");            // false, with a REFUSED event saying why, when it cannot
 * robot.safety().estop("mqtt", "operator pressed e-stop");
 * robot.safety().reset("mqtt");         // back to disarmed; arm again to move
 * }</pre>
 */
public final class SafetySupervisor {

  private final Clock clock;
  private final EventLog events;
  /** Guarded by itself: commands and the watchdog emit from their own threads, ticks from the control thread. */
  private final EventDraft event = new EventDraft();
  private final Runnable outputsSafe;
  private final SensorHealth health;
  private final double[] min;
  private final double[] max;
  private final double[] slewPerS;
  private final double[] safe;
  private final Ladders ladders;
  private final int estopChannel;
  private final String estopName;
  private final Controller fallback;
  private final double[] fallbackAction;
  private final ActuatorExpiry expiry;

  // control thread
  private final double[] lastApplied;
  private final double[] lastGood;
  private long lastNs;
  private boolean primed;
  private boolean fallbackEngaged;
  private Cause fallbackCause = Cause.COMMAND;
  private String fallbackSubject = "";

  // shared with command threads
  private volatile Mode mode = Mode.DISARMED;
  private volatile boolean armPending;
  private volatile Cause stopCause;
  private volatile String stopSubject = "";
  private volatile String stopDetail = "";
  private volatile boolean estopInputActive;
  private volatile FaultSlot blocking;
  private volatile Response reaction = Response.NONE;
  private volatile String lastRefusal = "";

  /**
   * @param config      the robot config (limits, envelope, ladders, sensor thresholds, e-stop input)
   * @param rawNames    the I/O's raw channel names, in order
   * @param periodNs    loop period
   * @param fallback    the fallback controller ({@code safety.fallback}), if any
   * @param clock       for the time of commands from other threads
   * @param events      where transitions go
   * @param outputsSafe puts every output in its safe state; called from any thread (RobotIo::safe)
   * @throws IllegalArgumentException when {@code safety.estop_input} has no raw channel
   *                                  {@code <device>.active}
   */
  public SafetySupervisor(RobotConfig config, List<String> rawNames, long periodNs, Optional<Controller> fallback,
      Clock clock, EventLog events, Runnable outputsSafe) {
    this(config, rawNames, periodNs, fallback, clock, events, outputsSafe, action -> outputsSafe.run());
  }

  /**
   * As above, with a way to put one action's actuator in its safe state, for the per-actuator
   * expiry ({@link #expiry()}).
   *
   * @param actuatorSafe puts action {@code i}'s actuator in its safe state; called from the watchdog
   *                     thread (RobotIo::safe(int))
   */
  public SafetySupervisor(RobotConfig config, List<String> rawNames, long periodNs, Optional<Controller> fallback,
      Clock clock, EventLog events, Runnable outputsSafe, java.util.function.IntConsumer actuatorSafe) {
    this.clock = clock;
    this.events = events;
    this.outputsSafe = outputsSafe;
    this.health = new SensorHealth(config, rawNames, periodNs);
    List<ActionVariable> actions = config.action();
    int m = actions.size();
    min = new double[m];
    max = new double[m];
    slewPerS = new double[m];
    safe = new double[m];
    String[] actionNames = new String[m];
    for (int i = 0; i < m; i++) {
      ActionVariable a = actions.get(i);
      min[i] = a.min();
      max[i] = a.max();
      slewPerS[i] = a.slewPerS();
      safe[i] = a.safe();
      actionNames[i] = a.name();
    }
    ladders = new Ladders(config, actionNames, health.staleAfterNs() * 1e-6, events);
    estopName = config.safety().estopInput().map(d -> d + ".active").orElse(null);
    estopChannel = estopName == null ? -1 : rawNames.indexOf(estopName);
    if (estopName != null && estopChannel < 0) {
      throw new IllegalArgumentException("safety.estop_input: the robot's I/O has no channel " + estopName
          + " (it has " + String.join(", ", rawNames) + ")");
    }
    this.fallback = fallback.orElse(null);
    this.fallbackAction = new double[m];
    this.expiry = new ActuatorExpiry(config, periodNs, actuatorSafe, events);
    lastApplied = safe.clone();
    lastGood = safe.clone();
  }

  // ------------------------------------------------------------------ commands (any thread)

  /**
   * Arms: actions pass from the next tick. Refused (returns false, with a {@link EventKind#REFUSED}
   * event) while a stop is latched, the e-stop input is active, or a fault that needs a safe stop is
   * present.
   *
   * @param origin who asked ({@code cli}, {@code mqtt}, {@code config})
   */
  public boolean arm(String origin) {
    String refusal;
    boolean armed = false;
    synchronized (this) {
      refusal = armRefusal();
      if (refusal == null && mode == Mode.DISARMED) {
        armPending = true;
        mode = Mode.ARMED;
        armed = true;
      }
    }
    long now = clock.nanoTime();
    if (refusal != null) {
      lastRefusal = "arm: " + refusal;
      synchronized (event) {
        events.emit(event.begin(now, Severity.ERROR, EventKind.REFUSED, Cause.COMMAND).subject(origin)
            .response(Response.REFUSED).detail(lastRefusal));
      }
      return false;
    }
    if (armed) {
      synchronized (event) {
        events.emit(event.begin(now, Severity.INFO, EventKind.ARMED, Cause.COMMAND).subject(origin));
      }
    }
    return true;
  }

  private String armRefusal() {
    Mode m = mode;
    if (m == Mode.ESTOP || m == Mode.SAFE_STOP) return m.id() + " is latched (" + reason() + "); reset first";
    if (estopInputActive) return "e-stop input " + estopName + " is active";
    FaultSlot b = blocking;
    if (b != null) return b.cause.id() + " " + b.subject() + " needs a safe stop; fix it first";
    return null;
  }

  /** Disarms: outputs return to their safe values. A latched stop stays latched. */
  public void disarm(String origin) {
    boolean changed;
    synchronized (this) {
      changed = mode == Mode.ARMED;
      if (changed) mode = Mode.DISARMED;
    }
    if (changed) {
      synchronized (event) {
        events.emit(event.begin(clock.nanoTime(), Severity.INFO, EventKind.DISARMED, Cause.COMMAND).subject(origin));
      }
    }
  }

  /**
   * Latches the emergency stop and puts the outputs safe before returning. Always accepted.
   *
   * @param origin who asked
   * @param detail why, for the event (may be empty)
   */
  public void estop(String origin, String detail) {
    latch(clock.nanoTime(), Mode.ESTOP, Cause.COMMAND, origin, detail, EventKind.ESTOP, Double.NaN, Double.NaN);
  }

  /**
   * Clears a latched stop back to disarmed (arming is a separate step). Refused while the e-stop
   * input is still active. Returns whether the supervisor is now free of a latched stop.
   */
  public boolean reset(String origin) {
    boolean cleared = false;
    String refusal = null;
    synchronized (this) {
      if (mode == Mode.ESTOP || mode == Mode.SAFE_STOP) {
        if (estopInputActive) {
          refusal = "reset: e-stop input " + estopName + " is still active";
        } else {
          mode = Mode.DISARMED;
          stopCause = null;
          stopSubject = "";
          stopDetail = "";
          cleared = true;
        }
      }
    }
    long now = clock.nanoTime();
    if (refusal != null) {
      lastRefusal = refusal;
      synchronized (event) {
        events.emit(event.begin(now, Severity.ERROR, EventKind.REFUSED, Cause.COMMAND).subject(origin)
            .response(Response.REFUSED).detail(refusal));
      }
      return false;
    }
    if (cleared) {
      synchronized (event) {
        events.emit(event.begin(now, Severity.INFO, EventKind.RESET, Cause.COMMAND).subject(origin));
      }
    }
    return true;
  }

  /** The watchdog tripped: latch the e-stop and put the outputs safe. Watchdog thread. */
  void watchdogTrip(long nowNs, Cause cause, double value, double limit) {
    latch(nowNs, Mode.ESTOP, cause, "loop", "", EventKind.WATCHDOG, value, limit);
  }

  /** The process is stopping: latch a safe stop (unless e-stopped) and put the outputs safe. */
  public void shutdown(String reason) {
    latch(clock.nanoTime(), Mode.SAFE_STOP, Cause.SHUTDOWN, "", reason, EventKind.SHUTDOWN, Double.NaN, Double.NaN);
  }

  /**
   * Latches {@code target} (an e-stop always; a safe stop unless e-stopped), makes the outputs safe
   * and emits {@code kind}. Returns whether the mode changed.
   */
  private boolean latch(long nowNs, Mode target, Cause cause, String subject, String detail, EventKind kind,
      double value, double limit) {
    boolean changed;
    synchronized (this) {
      changed = mode != target && (target == Mode.ESTOP || mode != Mode.ESTOP);
      if (changed) {
        stopCause = cause;
        stopSubject = subject;
        stopDetail = detail;
        mode = target;
      }
    }
    outputsSafe.run();
    if (changed) {
      synchronized (event) {
        events.emit(event.begin(nowNs, kind == EventKind.SHUTDOWN ? Severity.INFO : Severity.CRITICAL, kind, cause)
            .subject(subject).response(target == Mode.ESTOP ? Response.ESTOP : Response.SAFE_STOP).value(value)
            .limit(limit).detail(detail));
      }
    }
    return changed;
  }

  // ------------------------------------------------------------------ state (any thread)

  /** The current mode. */
  public Mode mode() {
    return mode;
  }

  /** Why the supervisor is stopped, or empty. */
  public String reason() {
    Cause c = stopCause;
    if (c == null) return "";
    StringBuilder b = new StringBuilder(c.id());
    if (!stopSubject.isEmpty()) b.append(' ').append(stopSubject);
    if (!stopDetail.isEmpty()) b.append(": ").append(stopDetail);
    return b.toString();
  }

  /**
   * Why the latest refused {@link #arm} or {@link #reset} was refused, e.g.
   * {@code arm: estop is latched (command mqtt); reset first}: the reason a command link sends back.
   */
  public String lastRefusal() {
    return lastRefusal;
  }

  /** The cause of the latched stop, or null. */
  public Cause stopCause() {
    return stopCause;
  }

  /** The reaction in force on the latest tick. */
  public Response reaction() {
    return reaction;
  }

  /** Whether the e-stop input reads active (or cannot be read). */
  public boolean estopInputActive() {
    return estopInputActive;
  }

  /** The actions' safe values (a copy). */
  public double[] safeValues() {
    return safe.clone();
  }

  // ------------------------------------------------------------------ tick (control thread)

  /**
   * Sense phase: checks the e-stop input and every judged sensor channel; writes what the
   * estimator should see (invalid readings replaced by the last good value) into {@code rawUsed}.
   */
  public void sensed(long nowNs, double[] raw, byte[] status, double[] rawUsed) {
    if (estopChannel >= 0) {
      double v = raw[estopChannel];
      byte s = status[estopChannel];
      // Fail safe: an e-stop input that cannot be read counts as pressed.
      boolean active = s == Status.NO_RESPONSE || s == Status.INVALID || !(v < 0.5);
      estopInputActive = active;
      if (active && mode != Mode.ESTOP) {
        latch(nowNs, Mode.ESTOP, Cause.ESTOP_INPUT, estopName,
            s == Status.OK || s == Status.STALE ? "" : Status.name(s), EventKind.ESTOP, v, 0.5);
      }
    }
    health.checkRaw(nowNs, raw, status, rawUsed);
  }

  /** Estimate phase: checks the state against the variables' plausible ranges. */
  public void estimated(double[] state) {
    health.checkState(state);
  }

  /**
   * Estimate phase, after the state: the trust monitor's verdict on the world model's prediction for
   * this tick (an alarm raises {@code model_untrusted}; the ladder reacts in this tick's safety phase).
   *
   * @param alarm     whether the monitor alarmed
   * @param channel   the channel that alarmed (a state variable, or its ensemble spread)
   * @param statistic the statistic relative to the threshold (infinite for a non-finite prediction)
   * @param threshold the monitor's threshold
   */
  public void trusted(boolean alarm, String channel, double statistic, double threshold) {
    ladders.trusted(alarm, channel, Double.isNaN(threshold) ? statistic : statistic * threshold, threshold);
  }

  /**
   * Estimate phase: a gated correction replaced the model the monitor distrusted (online adaptation),
   * so a {@code model_untrusted} fault that is recovering ends at this tick's safety phase instead of
   * after {@code trust.hysteresis_s}. A fault still present (an alarm this tick) is not touched.
   */
  public void modelReplaced() {
    ladders.modelReplaced();
  }

  /** Plan phase outcome: a late plan, a planner failure (with its message), and the plan's age. */
  public void planned(boolean late, boolean failed, String error, double ageMs) {
    ladders.planned(late, failed, error, ageMs);
  }

  /**
   * Safety phase: feeds every ladder, applies the strongest reaction, and writes what the actuators
   * get into {@code applied}.
   *
   * @param nowNs   tick time
   * @param state   the state estimate
   * @param action  what the controller or planner asked for
   * @param applied receives what the actuators get
   */
  public void apply(long nowNs, double[] state, double[] action, double[] applied) {
    ladders.feed(nowNs, health, state, action);
    Reaction reactionInForce = ladders.reaction();
    FaultSlot strongest = ladders.strongest();
    Mode m = mode;
    if (m == Mode.ARMED && reactionInForce == Reaction.SAFE_STOP) {
      latch(nowNs, Mode.SAFE_STOP, strongest.cause, strongest.subject(), "", EventKind.SAFE_STOP, Double.NaN,
          Double.NaN);
      m = mode;
    }
    blocking = m != Mode.ARMED && reactionInForce == Reaction.SAFE_STOP ? strongest : null;
    double dt = primed ? (nowNs - lastNs) * 1e-9 : 0.0;
    lastNs = nowNs;
    primed = true;
    if (m != Mode.ARMED) {
      System.arraycopy(safe, 0, applied, 0, applied.length);
      System.arraycopy(safe, 0, lastApplied, 0, safe.length);
      setFallback(nowNs, false, null);
      reaction = m == Mode.DISARMED ? Response.NONE : m == Mode.ESTOP ? Response.ESTOP : Response.SAFE_STOP;
      return;
    }
    if (armPending) {
      armPending = false;
      System.arraycopy(safe, 0, lastGood, 0, safe.length);
    }
    Reaction r = reactionInForce;
    if (ladders.actionInvalid() && (r == null || r == Reaction.WARN)) r = Reaction.HOLD;   // never pass a NaN on
    double[] source = action;
    if (r == Reaction.FALLBACK) {
      setFallback(nowNs, true, strongest);
      try {
        fallback.compute(state, fallbackAction);
        source = fallbackAction;
      } catch (RuntimeException e) {
        latch(nowNs, Mode.SAFE_STOP, Cause.TICK_ERROR, "fallback", e.toString(), EventKind.SAFE_STOP, Double.NaN,
            Double.NaN);
        System.arraycopy(safe, 0, applied, 0, applied.length);
        System.arraycopy(safe, 0, lastApplied, 0, safe.length);
        reaction = Response.SAFE_STOP;
        return;
      }
    } else {
      setFallback(nowNs, false, null);
      if (r == Reaction.HOLD) source = lastGood;
    }
    for (int i = 0; i < applied.length; i++) {
      // Last line of defence: whatever the source (a fallback fed a bad state), no NaN reaches an actuator.
      double wanted = Double.isFinite(source[i]) ? source[i] : lastGood[i];
      double u = Math.clamp(wanted, min[i], max[i]);
      if (dt > 0 && slewPerS[i] != Double.POSITIVE_INFINITY) {
        double step = slewPerS[i] * dt;
        u = Math.clamp(u, lastApplied[i] - step, lastApplied[i] + step);
      }
      applied[i] = u;
      lastApplied[i] = u;
    }
    if (r == null || r == Reaction.WARN) System.arraycopy(applied, 0, lastGood, 0, applied.length);
    reaction = r == null ? Response.NONE : Response.of(r);
  }

  private void setFallback(long nowNs, boolean engage, FaultSlot why) {
    if (engage == fallbackEngaged) return;
    fallbackEngaged = engage;
    if (engage) {
      fallback.reset();
      fallbackCause = why.cause;
      fallbackSubject = why.subject();
      synchronized (event) {
        events.emit(event.begin(nowNs, Severity.ERROR, EventKind.FALLBACK, fallbackCause).subject(fallbackSubject)
            .response(Response.FALLBACK).detail(fallback.name()));
      }
    } else if (mode == Mode.ARMED) {
      synchronized (event) {
        events.emit(event.begin(nowNs, Severity.INFO, EventKind.PRIMARY, fallbackCause).subject(fallbackSubject)
            .response(Response.PRIMARY));
      }
    }
  }

  /**
   * Just before the act phase: if a command or the watchdog stopped the robot since
   * {@link #apply} (another thread), the actuators get their safe values instead, so an e-stop is
   * never undone by a command computed a moment before it.
   */
  public void guard(double[] applied) {
    if (mode != Mode.ARMED) System.arraycopy(safe, 0, applied, 0, applied.length);
  }

  /**
   * Act phase outcome: per-action write status ({@link Status#OK} or a failure code). A
   * failure whose ladder says safe stop latches it at once, outputs safe, within this tick.
   */
  public void acted(long nowNs, byte[] actStatus) {
    expiry.written(nowNs, actStatus);
    FaultSlot slot = ladders.acted(nowNs, actStatus);
    if (slot.reaction() == Reaction.SAFE_STOP && mode == Mode.ARMED) {
      latch(nowNs, Mode.SAFE_STOP, slot.cause, slot.subject(), "", EventKind.SAFE_STOP, Double.NaN, Double.NaN);
    }
  }

  /** A phase other than the planner threw: latch a safe stop and put the outputs safe. */
  public void tickFailed(long nowNs, String phase, RuntimeException e) {
    latch(nowNs, Mode.SAFE_STOP, Cause.TICK_ERROR, phase, e.toString(), EventKind.SAFE_STOP, Double.NaN, Double.NaN);
  }

  /** Active fault classes on the latest tick, one bit per {@link FaultClass} ordinal. Control thread. */
  public int faultBits() {
    return ladders.faultBits();
  }

  /** The per-actuator expiry, which the watchdog thread checks. */
  public ActuatorExpiry expiry() {
    return expiry;
  }

  /**
   * The operator link's health: an {@code OperatorLink} reports its connection and the operators'
   * heartbeats here, and each tick judges it as the {@code link_lost} fault class.
   */
  public LinkHealth link() {
    return ladders.link();
  }

  /** Whether the fallback controller produced the latest applied action. Control thread. */
  public boolean fallbackEngaged() {
    return fallbackEngaged;
  }
}
