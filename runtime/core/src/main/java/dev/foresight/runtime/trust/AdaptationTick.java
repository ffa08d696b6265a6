package dev.foresight.runtime.trust;

/**
 * One tick as the learner receives it from the control thread, in a preallocated ring slot: the
 * state, the action applied and the one before it, the model's own prediction of the next state
 * (without any correction), whether this tick's state follows the previous tick's prediction (no
 * new episode in between), whether the monitor alarmed, and the correction version in force.
 */
final class AdaptationTick {

  long tick;
  boolean continues;
  boolean alarm;
  int version;
  final double[] state;
  final double[] applied;
  final double[] appliedBefore;
  final double[] modelNext;

  AdaptationTick(int stateSize, int actionSize) {
    state = new double[stateSize];
    applied = new double[actionSize];
    appliedBefore = new double[actionSize];
    modelNext = new double[stateSize];
  }
}
