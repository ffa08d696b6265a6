/**
 * Pi4J providers over the emulated hardware (I2C, digital input and output), so a Pi4J context in
 * simulation talks to emulated chips and pins exactly as one on a Raspberry Pi talks to real ones.
 */
package dev.foresight.sim.hardware.pi4j;
