package dev.foresight.runtime.cli;

import picocli.CommandLine.Command;

/** {@code foresight bench ...}: measurements of the runtime's speed. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the runtime: planning speed (bench plan).",
    subcommands = {BenchPlanCommand.class})
final class BenchCommand {
}
