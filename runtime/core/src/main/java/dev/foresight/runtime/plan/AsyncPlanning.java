package dev.foresight.runtime.plan;

import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Planner;
import dev.foresight.runtime.time.Clock;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The planner runs on its own thread ({@code foresight-planner}): it takes the latest state the
 * loop handed over, shifts its previous plan by the ticks elapsed (warm start), plans until the
 * budget is spent and publishes the plan with the tick its state came from. Each tick applies the
 * freshest plan at the step for the current tick; when no new plan came in time the same plan,
 * one step further, is applied, and beyond its horizon its last action.
 *
 * <p>State and plan cross between the threads through two sequence-locked mailboxes, so neither
 * side waits or allocates. The planner object is touched by the planner thread only.
 * {@link #planOnce()} is the planner thread's unit of work; tests call it directly for
 * deterministic interleavings.
 */
final class AsyncPlanning extends PlanStage {

  private final Planner planner;
  private final long budgetNs;
  private final Clock clock;
  private final int actions;
  private final int horizon;
  private final long maxAgeTicks;
  private final double[] safeAction;

  // state mailbox: control thread -> planner thread
  private volatile long stateSeq;
  private final double[] mailState;
  private long mailTick;

  // plan mailbox: planner thread -> control thread
  private volatile long planSeq;
  private final double[] mailPlan;
  private long mailPlanTick;

  // control thread
  private final double[] current;
  private final double[] scratch;
  private long currentTick = -1;
  private long seenPlanSeq;
  private long seenErrors;

  // planner thread
  private final double[] plannerState;
  private final double[] plannerPlan;
  private long plannedSeq;
  private long plannedTick = -1;
  private volatile long errors;
  private volatile String lastError = "";

  private volatile boolean running;
  private volatile Thread thread;

  AsyncPlanning(Planner planner, long budgetNs, long periodNs, Clock clock, int stateSize, double[] safeAction) {
    this.planner = planner;
    this.budgetNs = budgetNs;
    this.clock = clock;
    this.actions = planner.actionSize();
    this.horizon = planner.horizon();
    // A plan made from the state of tick T arrives by T + ceil(budget / period); one tick of grace.
    this.maxAgeTicks = (budgetNs + periodNs - 1) / periodNs + 1;
    this.safeAction = safeAction.clone();
    int planLength = horizon * actions;
    mailPlan = new double[planLength];
    current = new double[planLength];
    scratch = new double[planLength];
    plannerPlan = new double[planLength];
    mailState = new double[stateSize];
    plannerState = new double[stateSize];
  }

  @Override
  public void run(long nowNs, long tick, double[] state, double[] action) {
    handOver(tick, state);
    takeFreshestPlan();
    long e = errors;
    failed = e != seenErrors;
    if (failed) {
      seenErrors = e;
      error = lastError;
    }
    if (currentTick < 0) {
      System.arraycopy(safeAction, 0, action, 0, actions);
      late = true;
      planAgeTicks = tick;
      return;
    }
    long age = tick - currentTick;
    planAgeTicks = age;
    late = age > maxAgeTicks;
    int step = (int) Math.min(age, horizon - 1);
    System.arraycopy(current, step * actions, action, 0, actions);
  }

  private void handOver(long tick, double[] state) {
    long s = stateSeq;
    stateSeq = s + 1;
    VarHandle.storeStoreFence();
    System.arraycopy(state, 0, mailState, 0, mailState.length);
    mailTick = tick;
    stateSeq = s + 2;
    Thread t = thread;
    if (t != null) LockSupport.unpark(t);
  }

  private void takeFreshestPlan() {
    long s = planSeq;
    if (s == seenPlanSeq || (s & 1) != 0) return;
    System.arraycopy(mailPlan, 0, scratch, 0, scratch.length);
    long tick = mailPlanTick;
    VarHandle.loadLoadFence();
    if (planSeq != s) return;   // being replaced right now; take it next tick
    System.arraycopy(scratch, 0, current, 0, current.length);
    currentTick = tick;
    seenPlanSeq = s;
  }

  /**
   * One unit of the planner thread's work: plans from the latest state if there is a new one.
   *
   * @return false when there was no new state to plan from
   */
  boolean planOnce() {
    long s = stateSeq;
    if (s == plannedSeq) return false;
    if ((s & 1) != 0) {
      Thread.onSpinWait();
      return true;
    }
    System.arraycopy(mailState, 0, plannerState, 0, plannerState.length);
    long tick = mailTick;
    VarHandle.loadLoadFence();
    if (stateSeq != s) return true;
    plannedSeq = s;
    if (plannedTick >= 0 && tick > plannedTick) planner.shift((int) Math.min(tick - plannedTick, horizon));
    try {
      planner.plan(plannerState, clock.nanoTime() + budgetNs);
      planner.copyPlan(plannerPlan);
      plannedTick = tick;
      long p = planSeq;
      planSeq = p + 1;
      VarHandle.storeStoreFence();
      System.arraycopy(plannerPlan, 0, mailPlan, 0, mailPlan.length);
      mailPlanTick = tick;
      planSeq = p + 2;
    } catch (RuntimeException e) {
      lastError = e.toString();
      errors = errors + 1;
    }
    return true;
  }

  @Override
  public synchronized void start() {
    if (thread != null) return;
    running = true;
    thread = Thread.ofPlatform().name("foresight-planner").daemon(true).unstarted(() -> {
      while (running) {
        if (!planOnce()) LockSupport.park(this);
      }
    });
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public int planSize() {
    return current.length;
  }

  @Override
  public void copyPlan(double[] out) {
    // The plan in use, from the current tick's step on (its tail repeats the last action).
    long age = currentTick < 0 ? 0 : Math.max(0, planAgeTicks);
    for (int step = 0; step < horizon; step++) {
      int from = (int) Math.min(step + age, horizon - 1);
      System.arraycopy(current, from * actions, out, step * actions, actions);
    }
  }

  @Override
  public Controller controller() {
    return planner;
  }
}
