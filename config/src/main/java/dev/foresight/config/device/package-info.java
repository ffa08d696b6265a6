/**
 * Device declarations: one record per chip type, selected in YAML by {@code type}. Drivers in the
 * {@code drivers} module turn these into Pi4J devices; the simulator emulates the same chips.
 */
package dev.foresight.config.device;
