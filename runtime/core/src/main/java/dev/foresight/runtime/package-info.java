/**
 * The composition root of a robot: {@link dev.foresight.runtime.Robot} assembles config, I/O
 * (drivers or the simulator), estimator, plan stage, safety supervisor, control loop, watchdog,
 * events and the shutdown sequence, and owns them until {@code close()}. Failures to assemble are
 * {@link dev.foresight.runtime.AssemblyException}s with a one-line message naming the config key.
 *
 * <pre>{@code
 * try (Robot robot = Robot.assemble(ConfigLoader.load(Path.of("robot.yaml")))) {
 *   robot.safety().arm("operator");
 *   robot.start(Duration.ofSeconds(10).toNanos());   // or Long.MAX_VALUE: until close()
 *   robot.runner().awaitStop(Long.MAX_VALUE);
 * }   // outputs safe, threads stopped, resources released
 * }</pre>
 */
package dev.foresight.runtime;
