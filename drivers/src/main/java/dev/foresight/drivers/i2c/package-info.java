/**
 * What every I2C chip driver shares: {@link dev.foresight.drivers.i2c.I2cDevice} (register reads and
 * writes through Pi4J that never throw, back off from an absent or hung chip, and flag its recovery so
 * the driver re-initializes it) and {@link dev.foresight.drivers.i2c.I2cDriver}, the base of the chip
 * drivers.
 */
package dev.foresight.drivers.i2c;
