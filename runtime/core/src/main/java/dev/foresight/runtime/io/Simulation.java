package dev.foresight.runtime.io;

import dev.foresight.sim.SimRun;

/**
 * What a simulated robot's I/O reports beside {@link RobotIo}: the run it simulates and the
 * plant's own cost for the step the last {@code act} took (its reward, negated). The
 * composition root ({@code Robot.assemble}) hands the cost to the control loop, which puts it in
 * every tick's frame; a robot on hardware has no {@code Simulation} and its ticks cost NaN.
 * Implemented by {@link PlantIo} and {@link EmulatedIo}.
 */
public interface Simulation {

  /** The simulated run (seed, parameters as drawn, initial state); null for a bare plant wired by hand. */
  SimRun run();

  /** The cost of the last plant step (the reward, negated); NaN before the first step. Allocation-free. */
  double lastCost();
}
