/**
 * The robot's devices built from config: {@link dev.foresight.drivers.registry.DeviceRegistry} creates
 * each driver through the factory its device type registers (ServiceLoader), in dependency order,
 * runs the start-up self-test into a {@link dev.foresight.drivers.registry.DeviceReport}, puts every
 * output in its safe state on demand, and closes them in reverse order.
 */
package dev.foresight.drivers.registry;
