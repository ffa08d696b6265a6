/** The DRV8830 driver: volts in, one register write per tick, brake or coast as its safe state. */
package dev.foresight.examples.drv8830.driver;
