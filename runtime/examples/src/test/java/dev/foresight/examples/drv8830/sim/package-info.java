/** The DRV8830 emulated register by register, its motor turning a plant through a DC motor model. */
package dev.foresight.examples.drv8830.sim;
