/**
 * The simulator: plants with named state, action and observation variables, stepped with their
 * published equations in double precision, each built by a {@link dev.foresight.sim.PlantFactory}
 * found on the class path ({@link dev.foresight.sim.Plants}).
 *
 * <pre>{@code
 * Plant pendulum = Plants.create("pendulum");
 * pendulum.reset(new double[] {Math.PI, 0.0});
 * double reward = pendulum.step(new double[] {2.0});
 * }</pre>
 */
package dev.foresight.sim;
