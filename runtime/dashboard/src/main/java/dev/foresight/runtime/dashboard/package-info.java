/**
 * The operator dashboard, a plugin of the CLI: {@link dev.foresight.runtime.dashboard.DashboardServer} serves a
 * static page (in this jar's resources, {@code web/}: HTML, CSS, a small MQTT 5 over WebSocket client, the page's
 * script and the vendored uPlot) that talks to the broker directly; {@code foresight dashboard} serves it alone and
 * {@code foresight demo} beside its embedded broker. docs/dashboard.md describes the page.
 */
package dev.foresight.runtime.dashboard;
