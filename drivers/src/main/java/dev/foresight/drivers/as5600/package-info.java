/**
 * The {@link dev.foresight.drivers.as5600.As5600} driver: ams AS5600 12-bit magnetic angle encoder over I2C: the shaft angle in radians, with magnet-strength checks. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.as5600;
