package dev.foresight.runtime.dashboard;

import dev.foresight.runtime.cli.CommandPlugin;
import picocli.CommandLine;

/** The dashboard plugin's command, {@code foresight dashboard}; the CLI finds this class through META-INF/services. */
public final class DashboardCommands implements CommandPlugin {

  /** For the service loader. */
  public DashboardCommands() {}

  @Override
  public void register(CommandLine root) {
    root.addSubcommand(new DashboardCommand());
  }
}
