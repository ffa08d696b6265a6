/**
 * The runtime: composes config, drivers, models and sim into a running robot, owns the control
 * loop and the {@code foresight} command line.
 *
 * <pre>{@code
 * try (Robot robot = Robot.assemble(ConfigLoader.load(Path.of("robot.yaml")), Clocks.system())) {
 *   robot.runner().start();
 *   ...
 * }
 * }</pre>
 */
package dev.foresight.runtime;
