/**
 * One way to run background work next to the control loop, in the shape of Agrona's agents: an
 * {@link dev.foresight.runtime.agent.Agent} is the work ({@code onStart}, {@code doWork(nowNs)}
 * returning the work done, {@code onClose}); an {@link dev.foresight.runtime.agent.AgentRunner}
 * owns its platform thread (name, daemon, priority, optional {@code SCHED_FIFO} and CPU), reads the
 * injected clock once per cycle, idles with a pluggable
 * {@link dev.foresight.runtime.agent.IdleStrategy} (a sleep after an idle cycle, a fixed-rate
 * period) and reports every failure to an {@link dev.foresight.runtime.agent.ErrorHandler} without
 * ending the thread.
 *
 * <p>The recorder, the operator link, the asynchronous planner, the watchdog and the event pump
 * are agents; tests call their {@code doWork} with a stepped time instead of starting a runner.
 * The control loop keeps its own pacer ({@code loop.LoopRunner}): its deadlines, overrun
 * accounting and spin-before-deadline wake-ups are not an idle strategy's business.
 *
 * <p>Time: {@code doWork} gets the runner's clock; idle strategies park (this package and
 * {@code runtime.time} are the only ones that do) and pace on real time, so an agent on a stepped
 * loop clock still wakes regularly. Runners never interrupt their threads; {@code close()} unparks.
 */
package dev.foresight.runtime.agent;
