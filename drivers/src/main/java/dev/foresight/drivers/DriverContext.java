package dev.foresight.drivers;

import com.pi4j.context.Context;
import java.util.function.LongSupplier;

/**
 * What every driver needs: the Pi4J context whose providers give it I/O, a clock for what takes
 * real time outside the tick (calibration, latency reports), and the I2C bus for devices that do
 * not name one.
 *
 * @param pi4j       the Pi4J context (Linux providers on a Pi, emulated chips in simulation)
 * @param clockNs    monotonic nanoseconds
 * @param defaultBus {@code hardware.default_bus}
 */
public record DriverContext(Context pi4j, LongSupplier clockNs, int defaultBus) {}
