/**
 * Chips emulated register by register around a simulated plant, so the real drivers run unchanged
 * in simulation: each chip ({@code *Chip}) answers I2C transfers on an
 * {@link dev.foresight.sim.hardware.EmulatedI2cBus} as its datasheet says, each emulation
 * ({@code *Emulation}) ties a device to the plant (what it measures or drives, noise, bias, dropouts,
 * latency, injected faults), and {@link dev.foresight.sim.hardware.SimHardware} steps them all with
 * the plant. Emulations come from the factories the device types register
 * ({@link dev.foresight.sim.hardware.EmulationFactory}, ServiceLoader). Deterministic for a seed.
 */
package dev.foresight.sim.hardware;
