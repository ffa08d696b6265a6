package dev.foresight.runtime.cli;

import picocli.CommandLine.Command;

/** {@code foresight bench ...}: measurements recorded in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints medians over interleaved rounds (--json for machines).",
    subcommands = {LinkBenchCommand.class})
final class BenchCommand {}
