/**
 * {@code foresight monitor}, the operators' terminal view: the fleet from retained status messages
 * ({@link dev.foresight.runtime.monitor.Fleet}), one robot's telemetry, events and metrics, and e-stop,
 * on a raw terminal or as plain lines when not on one.
 */
package dev.foresight.runtime.monitor;
