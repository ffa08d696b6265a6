/** The flywheel plant: a DC motor spinning a disc, stepped with its equations, built by its factory. */
package dev.foresight.examples.flywheel.sim;
