/**
 * The {@code foresight} command (picocli): {@link dev.foresight.runtime.cli.Main} maps failures to exit
 * codes (0 ok, 1 runtime failure, 2 usage or input error as one line, stack traces only with
 * {@code --debug}); the robot's own commands (run, demo, doctor, config, monitor, log info/export, model
 * inspect, bench) live here, the tools' commands arrive as {@link dev.foresight.runtime.cli.CommandPlugin}s
 * through {@link dev.foresight.runtime.cli.Plugins}, loaded only when the command line asks for them.
 */
package dev.foresight.runtime.cli;
