/**
 * Measuring world models: open-loop (k-step) prediction error per state variable and horizon, and
 * ensemble calibration (how often the truth lies within the members' 1- and 2-sigma intervals).
 * The runtime's {@code foresight model eval} feeds it recorded and simulated sequences.
 *
 * <pre>{@code
 * OpenLoop.Result r = OpenLoop.evaluate(model, members, wrapped, names, x0, actions, truth, n, 50);
 * }</pre>
 */
package dev.foresight.models.eval;
