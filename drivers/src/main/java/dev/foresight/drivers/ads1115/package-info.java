/**
 * The {@link dev.foresight.drivers.ads1115.Ads1115} driver: TI ADS1115 16-bit ADC over I2C: single-shot conversions per configured input, volts per channel. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.ads1115;
