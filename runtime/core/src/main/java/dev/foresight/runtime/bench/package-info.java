/**
 * The loop's benchmark rig: a robot of simulated devices, a PID controller or a planner stand-in, and
 * the full safety supervisor ({@link dev.foresight.runtime.bench.BenchRobot}), so {@code foresight bench
 * loop} and {@code bench link} time the real tick. Tick code: time comes from the injected clock.
 */
package dev.foresight.runtime.bench;
