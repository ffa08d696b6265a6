/**
 * The DRV8830 as the config module knows it: its record, YAML {@code type: drv8830}, its checks,
 * and that in simulation it drives a plant action.
 */
package dev.foresight.examples.drv8830;
