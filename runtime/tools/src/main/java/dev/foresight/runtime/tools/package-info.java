/**
 * The tools plugin's commands ({@link dev.foresight.runtime.tools.ToolCommands}): {@code sim rollout |
 * eval | collect}, {@code model train | eval} and {@code log plot}, registered into the CLI's command
 * tree when a command line asks for one of them.
 */
package dev.foresight.runtime.tools;
