/**
 * {@code foresight log replay}: a recorded run's inputs (raw sensor values and their health, the
 * mode operator commands set at the start of each tick, setpoint and parameter changes, the planner's
 * iterations) fed back through the same estimator, planner and safety supervisor on a stepped clock,
 * with no devices. {@link dev.foresight.runtime.replay.RecordedRun} reads a recording,
 * {@link dev.foresight.runtime.replay.LogReplay} runs it.
 */
package dev.foresight.runtime.replay;
