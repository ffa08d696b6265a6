/** A speed controller for the flywheel, given to the robot in code instead of named in the config. */
package dev.foresight.examples.flywheel.control;
