/**
 * The operator link over MQTT 5 ({@code docs/telemetry.md}; topics under {@code foresight/<robot-id>/}):
 * retained status with a delayed last will, decimated telemetry, events, metrics and the plan out;
 * commands in, each answered on its MQTT 5 response topic. The control thread sees the link only
 * through a {@code TickHook} and bounded hand-offs, never blocks on the network and allocates nothing;
 * {@link dev.foresight.runtime.link.OperatorLink} does the network work on its own thread. Paho stays
 * behind {@link dev.foresight.runtime.link.PahoTransport}; an in-process broker plugs in as a
 * {@link dev.foresight.runtime.link.LocalBroker}.
 *
 * <pre>{@code
 * OperatorLink link = OperatorLink.attach(robot, LinkSettings.resolve(loaded, url, System.getenv()), version);
 * link.start();   // before robot.start; link.close() after the loop stopped
 * }</pre>
 */
package dev.foresight.runtime.link;
