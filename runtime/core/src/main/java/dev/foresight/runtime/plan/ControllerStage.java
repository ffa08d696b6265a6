package dev.foresight.runtime.plan;

import dev.foresight.models.control.Controller;

/** A plain controller, called in the tick. If it throws, the previous action is repeated this tick. */
final class ControllerStage extends PlanStage {

  private final Controller controller;
  private final double[] previous;

  ControllerStage(Controller controller, double[] safeAction) {
    this.controller = controller;
    this.previous = safeAction.clone();
  }

  @Override
  public void run(long nowNs, long tick, double[] state, double[] action) {
    failed = false;
    try {
      controller.compute(state, action);
      System.arraycopy(action, 0, previous, 0, previous.length);
    } catch (RuntimeException e) {
      failed = true;
      error = e.toString();
      System.arraycopy(previous, 0, action, 0, previous.length);
    }
  }

  @Override
  public Controller controller() {
    return controller;
  }
}
