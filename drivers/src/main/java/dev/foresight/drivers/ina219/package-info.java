/**
 * The {@link dev.foresight.drivers.ina219.Ina219} driver: TI INA219 current and bus-voltage monitor over I2C: supply volts, amps and watts. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.ina219;
