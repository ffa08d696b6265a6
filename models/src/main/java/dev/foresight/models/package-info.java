/**
 * Deciding what to do: controllers and (as they land) world models and planners.
 *
 * <pre>{@code
 * Controller controller = Controllers.create(config, periodS);
 * controller.compute(state, action);   // allocation-free, called once per tick
 * }</pre>
 */
package dev.foresight.models;
