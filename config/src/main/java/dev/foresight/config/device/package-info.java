/**
 * Device declarations: one record per chip type, selected in YAML by {@code type}, each with its
 * {@link dev.foresight.config.device.DeviceType} (checks, simulator rules) found with
 * {@link java.util.ServiceLoader} ({@link dev.foresight.config.device.DeviceTypes}). Drivers in
 * the {@code drivers} module turn these into Pi4J devices; the simulator emulates the same chips.
 */
package dev.foresight.config.device;
