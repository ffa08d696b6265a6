/**
 * Deciding what to do: controllers ({@code control}), ONNX Runtime sessions and graph building
 * ({@code onnx}), world models and their contract ({@code world}), and sampling planners
 * ({@code plan}).
 *
 * <pre>{@code
 * Controller controller = Controllers.create(config, periodS);   // model-free controllers
 * SamplingPlanner planner = Planners.create(loaded, clock, simulator);   // mppi, cem
 * controller.compute(state, action);   // allocation-free, called once per tick
 * }</pre>
 */
package dev.foresight.models;
