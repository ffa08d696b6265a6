/**
 * The fixed-rate control loop. {@link dev.foresight.runtime.loop.ControlLoop#doWork} is one tick
 * (sense, estimate, plan, safety, act, publish, record) on the time it is given;
 * {@link dev.foresight.runtime.loop.LoopRunner} owns the control thread and its deadlines (skip, never
 * burst, after an overrun). Other threads observe the loop without making it wait: the latest tick
 * through a sequence-locked {@link dev.foresight.runtime.loop.LoopSnapshot}, every n-th tick through
 * bounded taps ({@link dev.foresight.runtime.loop.TickQueue}) of preallocated
 * {@link dev.foresight.runtime.loop.TickFrame}s (both built on {@code runtime.handoff}), timing through
 * {@link dev.foresight.runtime.loop.LoopMetrics}. A warm tick allocates nothing; no exception ends
 * the loop (a failing phase makes the outputs safe).
 */
package dev.foresight.runtime.loop;
