/**
 * Controllers and the planner contract: {@link dev.foresight.models.control.Controller} (state in,
 * action out, every tick: PID, LQR, energy swing-up), {@link dev.foresight.models.control.Planner}
 * (anytime planning within a deadline, plan shifting) and
 * {@link dev.foresight.models.control.Controllers}, which builds the configured controller and the
 * fallback the safety supervisor switches to. Allocation-free once built.
 */
package dev.foresight.models.control;
