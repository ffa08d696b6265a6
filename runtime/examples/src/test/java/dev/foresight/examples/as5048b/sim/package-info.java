/** The AS5048B emulated register by register, its magnet turning with a plant variable. */
package dev.foresight.examples.as5048b.sim;
