/**
 * The simulator's view of the robot's hardware: which plant variable each emulated chip measures
 * or drives, its noise, bias and dropouts, the motor supply, and the faults injected during a run.
 * Only used with {@code hardware.platform: sim}. The plants {@code sim.plant} may name are the
 * {@link dev.foresight.config.sim.PlantType}s on the class path.
 */
package dev.foresight.config.sim;
