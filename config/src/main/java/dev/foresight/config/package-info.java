/**
 * Robot configuration: immutable records read from YAML, validated once at load.
 *
 * <p>Entry point: {@link dev.foresight.config.ConfigLoader}.
 * <pre>{@code
 * RobotConfig config = ConfigLoader.load(Path.of("config/examples/pendulum-gym.yaml"));
 * int rateHz = config.loop().rateHz();
 * }</pre>
 * A file that cannot be used throws {@link dev.foresight.config.ConfigException}, whose
 * {@link dev.foresight.config.ConfigProblem problems} each name the file, line, column, key path
 * and reason. YAML keys are snake_case; records use camelCase component names. Components that
 * are optional in the file are defaulted in the records' compact constructors, so accessors never
 * return {@code null} (absent optional sections are {@link java.util.Optional}).
 */
package dev.foresight.config;
