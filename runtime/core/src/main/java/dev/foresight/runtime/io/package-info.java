/**
 * The robot's inputs and outputs as the loop sees them ({@link dev.foresight.runtime.io.RobotIo}: raw
 * channels in, actions out, never throwing, allocation-free): through the drivers
 * ({@link dev.foresight.runtime.io.DeviceIo}, built by {@link dev.foresight.runtime.io.DeviceIoAssembly}
 * on a Pi4J context), the same drivers on emulated chips around a simulated plant
 * ({@link dev.foresight.runtime.io.EmulatedIo}), or the simulator's perfect sensors and actuators
 * ({@link dev.foresight.runtime.io.PlantIo}). Simulation reaches the loop only through
 * {@link dev.foresight.runtime.io.Simulation} (the run and the plant's own cost), never through the
 * hardware interface.
 */
package dev.foresight.runtime.io;
