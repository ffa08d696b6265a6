package dev.foresight.runtime.plan;

import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Planner;
import dev.foresight.runtime.agent.Agent;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.SleepingIdleStrategy;
import dev.foresight.runtime.handoff.SeqLock;
import dev.foresight.runtime.time.Clock;

/**
 * The planner runs on its own thread ({@code foresight-planner}, an {@link Agent}): it takes the
 * latest state the loop handed over, shifts its previous plan by the ticks elapsed (warm start),
 * plans until the budget is spent and publishes the plan with the tick its state came from. Each
 * tick applies the freshest plan at the step for the current tick; when no new plan came in time
 * the same plan, one step further, is applied, and beyond its horizon its last action.
 *
 * <p>State and plan cross between the threads through two {@link SeqLock} mailboxes, so neither
 * side waits or allocates; the control thread wakes the planner after each hand-over. The planner
 * object is touched by the planner thread only. {@link #doWork(long)} is the planner thread's unit
 * of work; tests call it directly for deterministic interleavings.
 */
final class AsyncPlanning extends PlanStage implements Agent {

  private final Planner planner;
  private final long budgetNs;
  private final Clock clock;
  private final int actions;
  private final int horizon;
  private final long maxAgeTicks;
  private final double[] safeAction;

  private final SeqLock<TickVector> stateMail;   // control thread -> planner thread
  private final SeqLock<TickVector> planMail;    // planner thread -> control thread

  // control thread
  private final double[] current;
  private final TickVector received;
  private long currentTick = -1;
  private long seenPlanVersion;
  private long seenErrors;

  // planner thread
  private final TickVector plannerState;
  private final TickVector plannerPlan;
  private long plannedVersion;
  private long plannedTick = -1;
  private volatile long errors;
  private volatile String lastError = "";

  private volatile AgentRunner runner;
  private final int cpu;

  AsyncPlanning(Planner planner, long budgetNs, long periodNs, Clock clock, int stateSize, double[] safeAction,
      int cpu) {
    this.planner = planner;
    this.cpu = cpu;
    this.budgetNs = budgetNs;
    this.clock = clock;
    this.actions = planner.actionSize();
    this.horizon = planner.horizon();
    // A plan made from the state of tick T arrives by T + ceil(budget / period); one tick of grace.
    this.maxAgeTicks = (budgetNs + periodNs - 1) / periodNs + 1;
    this.safeAction = safeAction.clone();
    int planLength = horizon * actions;
    stateMail = new SeqLock<>(new TickVector(stateSize), TickVector::copy);
    planMail = new SeqLock<>(new TickVector(planLength), TickVector::copy);
    current = new double[planLength];
    received = new TickVector(planLength);
    plannerPlan = new TickVector(planLength);
    plannerState = new TickVector(stateSize);
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
    TickVector mail = stateMail.beginWrite();
    System.arraycopy(state, 0, mail.values, 0, mail.values.length);
    mail.tick = tick;
    stateMail.endWrite();
    AgentRunner r = runner;
    if (r != null) r.wake();
  }

  private void takeFreshestPlan() {
    if (planMail.version() == seenPlanVersion) return;
    long version = planMail.tryRead(received);
    if (version == SeqLock.BUSY) return;   // being replaced right now; take it next tick
    System.arraycopy(received.values, 0, current, 0, current.length);
    currentTick = received.tick;
    seenPlanVersion = version;
  }

  /**
   * One unit of the planner thread's work: plans from the latest state if there is a new one,
   * until {@code nowNs} plus the budget.
   *
   * @return 0 when there was no new state to plan from
   */
  @Override
  public int doWork(long nowNs) {
    if (stateMail.version() == plannedVersion) return 0;
    long version = stateMail.tryRead(plannerState);
    if (version == SeqLock.BUSY) return 1;   // a hand-over in progress: look again at once
    plannedVersion = version;
    long tick = plannerState.tick;
    if (plannedTick >= 0 && tick > plannedTick) planner.shift((int) Math.min(tick - plannedTick, horizon));
    try {
      planner.plan(plannerState.values, nowNs + budgetNs);
      planner.copyPlan(plannerPlan.values);
      plannedTick = tick;
      plannerPlan.tick = tick;
      planMail.write(plannerPlan);
    } catch (RuntimeException e) {
      lastError = e.toString();
      errors = errors + 1;
    }
    return 1;
  }

  @Override
  public void onStart() {
    PlannerAssembly.pin("planner thread", cpu);
  }

  @Override
  public String roleName() {
    return "foresight-planner";
  }

  @Override
  public synchronized void start() {
    if (runner != null) return;
    runner = AgentRunner.builder(this).clock(clock).idle(SleepingIdleStrategy.untilWoken()).start();
  }

  @Override
  public void close() {
    AgentRunner r;
    synchronized (this) {
      r = runner;
    }
    if (r != null) r.close();
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

  /** A vector with the tick it belongs to: what the mailboxes carry. */
  private static final class TickVector {
    final double[] values;
    long tick;

    TickVector(int size) {
      values = new double[size];
    }

    static void copy(TickVector from, TickVector to) {
      System.arraycopy(from.values, 0, to.values, 0, to.values.length);
      to.tick = from.tick;
    }
  }
}
