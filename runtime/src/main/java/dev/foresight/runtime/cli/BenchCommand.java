package dev.foresight.runtime.cli;

import picocli.CommandLine.Command;

/** {@code foresight bench ...}: measurements of the runtime's hot paths on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure the runtime's hot paths on this machine; results belong in docs/benchmarks.md.",
    subcommands = {BenchSensorsCommand.class})
final class BenchCommand {}
