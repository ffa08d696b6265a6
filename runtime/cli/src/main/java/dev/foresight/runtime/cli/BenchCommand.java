package dev.foresight.runtime.cli;

import picocli.CommandLine.Command;

/** {@code foresight bench ...}: measurements recorded in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints medians (--json for machines): loop (control loop timing), link "
        + "(telemetry vs loop timing), plan (planning speed), sensors (reading the sensors through the drivers), "
        + "fleet (N robots against a broker or cluster).",
    subcommands = {BenchLoopCommand.class, LinkBenchCommand.class, BenchPlanCommand.class, BenchSensorsCommand.class,
        BenchFleetCommand.class})
final class BenchCommand {}
