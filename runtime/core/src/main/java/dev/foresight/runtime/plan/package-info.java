/**
 * The plan phase of a tick ({@link dev.foresight.runtime.plan.PlanStage}): a controller called in the
 * tick, or an anytime planner run inline within a budget or on its own thread (async), whose late
 * plans are shifted, never waited for. {@link dev.foresight.runtime.plan.PlannerAssembly} builds the
 * configured controller or planner with its world model (an ONNX file checked against the contract,
 * or the simulator's plant as ground truth); {@link dev.foresight.runtime.plan.Episodes} runs seeded
 * closed-loop episodes for evaluation.
 */
package dev.foresight.runtime.plan;
