/**
 * Device drivers on Pi4J 3: {@link dev.foresight.drivers.Sensor} and
 * {@link dev.foresight.drivers.Actuator} abstractions, one driver per chip in the config
 * (AS5600, MPU-6050, PCA9685, H-bridge motor, quadrature encoder, INA219, ADS1115, GPIO input),
 * the {@link dev.foresight.drivers.registry.DeviceRegistry} that builds them from a robot config
 * through each type's {@link dev.foresight.drivers.DriverFactory} (found with ServiceLoader),
 * and the {@link dev.foresight.drivers.doctor.Doctor} probes behind {@code foresight doctor}.
 *
 * <pre>{@code
 * DriverContext ctx = new DriverContext(pi4j, System::nanoTime, config.hardware().defaultBus());
 * try (DeviceRegistry devices = DeviceRegistry.create(config, ctx)) {
 *   DeviceReport report = devices.start(ctx.clockNs().getAsLong());
 *   if (!report.requiredOk()) System.err.println(report.table());
 * }
 * }</pre>
 */
package dev.foresight.drivers;
