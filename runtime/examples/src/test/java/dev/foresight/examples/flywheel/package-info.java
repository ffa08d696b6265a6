/** The flywheel plant as the config module knows it: its name, {@code sim: {plant: flywheel}}. */
package dev.foresight.examples.flywheel;
