package dev.foresight.runtime.tools;

import dev.foresight.runtime.cli.CommandPlugin;
import picocli.CommandLine;

/**
 * The tools plugin's commands: {@code sim rollout|eval|collect}, {@code model train|eval|calibrate|update} and
 * {@code log plot}. The CLI finds this class through META-INF/services when a command needs it.
 */
public final class ToolCommands implements CommandPlugin {

  /** For the service loader. */
  public ToolCommands() {}

  @Override
  public void register(CommandLine root) {
    root.addSubcommand(new SimCommand());
    CommandLine model = root.getSubcommands().get("model");
    model.addSubcommand(new ModelTrainCommand());
    model.addSubcommand(new ModelEvalCommand());
    model.addSubcommand(new ModelCalibrateCommand());
    model.addSubcommand(new ModelUpdateCommand());
    root.getSubcommands().get("log").addSubcommand(new LogPlotCommand());
    root.getSubcommands().get("log").addSubcommand(new LogReplayCommand());
    root.getSubcommands().get("log").addSubcommand(new LogCompareCommand());
  }
}
