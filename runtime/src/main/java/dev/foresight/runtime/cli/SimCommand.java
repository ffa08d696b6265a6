package dev.foresight.runtime.cli;

import picocli.CommandLine.Command;

/** {@code foresight sim ...}: the simulator on its own, without a robot config. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run the simulator's plants directly: roll out action sequences, draw runs.",
    subcommands = {RolloutCommand.class})
final class SimCommand {
}
