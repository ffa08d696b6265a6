/**
 * The {@link dev.foresight.drivers.encoder.QuadratureEncoder} driver: an incremental quadrature encoder on two GPIO inputs (edges counted by Pi4J listeners): angle and counts. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.encoder;
