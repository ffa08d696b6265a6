/**
 * Safety events: every transition of the robot's safety state (arm, e-stop, fault, ladder rung,
 * recovery, watchdog, overrun burst, shutdown) as an immutable {@link dev.foresight.runtime.events.Event}.
 *
 * <p>For consumers (telemetry, recording, displays) the whole API is:
 * <ul>
 *   <li>{@link dev.foresight.runtime.events.EventLog#subscribe()} (or {@code subscribeFromOldest()})
 *       once, on your own thread;
 *   <li>{@link dev.foresight.runtime.events.EventLog.Subscription#poll} with a handler and a limit,
 *       as often as you like; {@code lost()} counts what you were too slow to read;
 *   <li>{@link dev.foresight.runtime.events.Alerts#list()} for the persistent alerts.
 * </ul>
 * Producers never wait for consumers, and emitting from the control thread allocates nothing.
 * Field ids ({@code severity.id()}, {@code kind.id()}, {@code cause.id()}, {@code response.id()})
 * are the lowercase names to use in JSON.
 */
package dev.foresight.runtime.events;
