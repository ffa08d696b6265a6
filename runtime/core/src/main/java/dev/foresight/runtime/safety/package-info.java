/**
 * What no model can override. {@link dev.foresight.runtime.safety.SafetySupervisor} turns the
 * planned action into the applied one every tick: arming, latched e-stop, per-fault failsafe ladders
 * (warn, hold, fallback controller, safe stop), limits, slew, state envelope, sensor health;
 * {@link dev.foresight.runtime.safety.Watchdog} makes the outputs safe from its own thread when the
 * loop stalls. Every transition is an event ({@code dev.foresight.runtime.events}).
 */
package dev.foresight.runtime.safety;
