/**
 * Sampling planners over a world model: {@link dev.foresight.models.plan.Mppi} and
 * {@link dev.foresight.models.plan.Cem} (iCEM-style), colored exploration noise, cost terms from
 * config ({@link dev.foresight.models.plan.CostFunction}), and rollouts either one model call per
 * step ({@link dev.foresight.models.plan.StepwiseRollouts}) or through a generated fused graph
 * (whole horizon, cost and value in one call). Built from config by
 * {@link dev.foresight.models.plan.Planners}.
 *
 * <pre>{@code
 * SamplingPlanner planner = Planners.create(loaded, clock, batch -> groundTruthModel(batch));
 * int iterations = planner.plan(state, deadlineNs);   // anytime; allocation-free once warm
 * planner.firstAction(action);
 * planner.shift(1);                                   // warm start for the next tick
 * }</pre>
 */
package dev.foresight.models.plan;
