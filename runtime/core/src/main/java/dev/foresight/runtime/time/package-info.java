/**
 * Time, injected: {@link dev.foresight.runtime.time.Clock} is the only way tick code reads time (read
 * once per tick, passed down). {@link dev.foresight.runtime.time.SystemClock} waits for real deadlines,
 * {@link dev.foresight.runtime.time.PacedClock} paces simulated time to the wall,
 * {@link dev.foresight.runtime.time.SteppedClock} jumps to each deadline (tests, unpaced simulation).
 * {@link dev.foresight.runtime.time.ThreadScheduling} asks the OS for real-time priority and CPU
 * pinning. Only this package calls {@code System.nanoTime()} or sleeps (besides the agent runners'
 * idle strategies in {@code runtime.agent}, which park between background cycles).
 */
package dev.foresight.runtime.time;
