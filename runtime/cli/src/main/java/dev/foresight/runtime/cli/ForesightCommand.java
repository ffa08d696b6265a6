package dev.foresight.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code foresight} command: global options and the list of subcommands. */
@Command(
    name = "foresight",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Robot control runtime: sensors, a world model that imagines futures, planning, a safety "
        + "supervisor, recording and an operator link.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      DoctorCommand.class,
      ConfigCommand.class,
      LogCommand.class,
      ModelCommand.class,
      MonitorCommand.class,
      KeysCommand.class,
      DeployCommand.class,
      FleetCommand.class,
      BenchCommand.class,
    },
    footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 usage or input error.",
        "Docs: README.md and docs/ in the Foresight folder."})
public final class ForesightCommand {

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces for errors (for bug reports).")
  boolean debug;

  @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
      description = "Level of Foresight's log lines: error, warn, info (default), debug, trace.")
  void logLevel(String level) {
    Logging.level(level);
  }

  @Option(names = "--log-json", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Also write log events as JSON lines to FILE.")
  void logJson(Path file) {
    Logging.jsonFile(file);
  }
}
