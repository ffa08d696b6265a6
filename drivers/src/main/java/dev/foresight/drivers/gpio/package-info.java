/**
 * The {@link dev.foresight.drivers.gpio.GpioInput} driver: a digital input (button, limit switch, e-stop) read as 0 or 1, with pull and polarity from config. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.gpio;
