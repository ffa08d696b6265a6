/** The AS5048B driver: one 5-byte read per tick, the angle in rad, invalid when the chip says so. */
package dev.foresight.examples.as5048b.driver;
