package dev.foresight.runtime.plan;

import dev.foresight.config.LoopConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Planner;
import dev.foresight.runtime.time.Clock;

/**
 * The plan phase of a tick: turns the state estimate into the action the supervisor will judge.
 * Never throws and always fills the action: when the controller or planner fails or is late, the
 * previous plan (shifted by the ticks since) or the previous action is used, and the outcome
 * ({@link #late()}, {@link #failed()}) tells the supervisor, whose failsafe ladder decides what
 * happens next.
 *
 * <p>Which stage a robot gets is decided by {@link #create}: a plain {@link Controller} runs as is;
 * a {@link Planner} runs inline (in the tick, stopped at the plan budget) or asynchronously (on its
 * own thread) as {@code loop.planning} says. A new planner (MPPI, CEM) only has to implement
 * {@link Planner} and be returned by {@code Controllers.create}.
 */
public abstract sealed class PlanStage implements AutoCloseable permits ControllerStage, InlinePlanning, AsyncPlanning {

  /** Whether this tick applied an old plan because the new one was late. */
  protected boolean late;
  /** Whether the controller or planner threw since the previous tick. */
  protected boolean failed;
  /** The failure, for events, when {@link #failed}. */
  protected String error = "";
  /** Ticks since the state the applied plan was made from. */
  protected long planAgeTicks;
  /** Planner iterations this tick's plan phase completed (0 for a plain controller and asynchronous planning). */
  protected int iterations;

  /**
   * The stage for a controller: inline or asynchronous planning for a {@link Planner}, a direct
   * call for any other controller.
   *
   * @param controller the configured controller or planner
   * @param loop       loop settings (planning mode, plan budget)
   * @param clock      the loop's clock (the asynchronous planner thread reads it for its deadlines)
   * @param stateSize  state variables
   * @param safeAction the actions' safe values, used until a first plan exists
   */
  public static PlanStage create(Controller controller, LoopConfig loop, Clock clock, int stateSize,
      double[] safeAction) {
    if (controller instanceof Planner planner) {
      return switch (loop.planning()) {
        case INLINE -> new InlinePlanning(planner, loop.planBudgetNs(), safeAction);
        case ASYNC -> new AsyncPlanning(planner, loop.planBudgetNs(), loop.periodNs(), clock, stateSize, safeAction,
            loop.plannerCpu(0));
      };
    }
    return new ControllerStage(controller, safeAction);
  }

  /**
   * Computes the tick's action. Control thread; allocation-free while nothing fails.
   *
   * @param nowNs  tick time
   * @param tick   tick number
   * @param state  state estimate
   * @param action receives the action
   */
  public abstract void run(long nowNs, long tick, double[] state, double[] action);

  /** Told the time the plan phase ended (from the phase timing read), to judge lateness. */
  public void finish(long endNs) {}

  /** Whether this tick applied an old plan because the new one was late. */
  public final boolean late() {
    return late;
  }

  /** Whether the controller or planner threw since the previous tick. */
  public final boolean failed() {
    return failed;
  }

  /** The failure message when {@link #failed()}, else empty. */
  public final String error() {
    return error;
  }

  /**
   * Planner iterations completed in this tick (inline planning; 0 when the planner was out of time,
   * for a plain controller, and for asynchronous planning, whose iterations happen on its own thread).
   */
  public final int iterations() {
    return iterations;
  }

  /** Ticks since the state the applied plan was made from (0 for a plain controller). */
  public final long planAgeTicks() {
    return planAgeTicks;
  }

  /** Length of {@link #copyPlan}: horizon x actions, or 0 without a planner. */
  public int planSize() {
    return 0;
  }

  /** Copies the plan in use, step 0 = the current tick, into {@code out}. */
  public void copyPlan(double[] out) {}

  /** The controller's name for displays. */
  public final String name() {
    return controller().name();
  }

  /** The controller's own phase for displays (e.g. pump, balance), or empty. */
  public final String phase() {
    return controller().phase();
  }

  /** The controller or planner (the primary one). */
  public abstract Controller controller();

  /** Starts any thread the stage needs (the asynchronous planner). */
  public void start() {}

  /** Stops any thread the stage started. Idempotent. */
  @Override
  public void close() {}
}
