/**
 * {@code foresight log replay}: a recorded run's inputs (raw sensor values and their health, the
 * mode operator commands set at the start of each tick, setpoint and parameter changes, the planner's
 * iterations) fed back through the same estimator, planner and safety supervisor on a stepped clock,
 * with no devices. {@link dev.foresight.runtime.replay.RecordedRun} reads a recording,
 * {@link dev.foresight.runtime.replay.LogReplay} runs it.
 *
 * <p>{@code foresight log compare}: the recording against the simulator driven open-loop by its
 * applied actions from its recorded states ({@link dev.foresight.runtime.replay.SimCompare}), and
 * the simulator and actuator parameters that best explain it
 * ({@link dev.foresight.runtime.replay.ParameterFit}: least squares, Nelder–Mead, linearised
 * standard errors).
 */
package dev.foresight.runtime.replay;
