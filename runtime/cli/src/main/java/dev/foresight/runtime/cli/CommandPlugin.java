package dev.foresight.runtime.cli;

import picocli.CommandLine;

/**
 * Commands a plugin adds to {@code foresight}: the tools plugin adds {@code sim}, {@code model train},
 * {@code model eval} and {@code log plot}. Found with {@link java.util.ServiceLoader} through
 * {@link Plugins}, and only when the command line asks for a command that is not the robot's own, so
 * {@code foresight run} loads none of a plugin's classes.
 *
 * <pre>{@code
 * public final class MyCommands implements CommandPlugin {
 *   public void register(CommandLine root) {
 *     root.getSubcommands().get("model").addSubcommand(new MyModelCommand());
 *   }
 * }
 * // and META-INF/services/dev.foresight.runtime.cli.CommandPlugin names MyCommands
 * }</pre>
 */
public interface CommandPlugin {

  /**
   * Adds this plugin's commands to the command tree: at the top ({@code root.addSubcommand}) or under
   * one of the built-in groups ({@code model}, {@code log}, {@code bench}).
   */
  void register(CommandLine root);
}
