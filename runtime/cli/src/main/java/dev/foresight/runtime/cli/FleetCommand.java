package dev.foresight.runtime.cli;

import picocli.CommandLine.Command;

/** {@code foresight fleet ...}: tools for many robots on one broker or cluster (docs/fleet.md). */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Fleet tools: record (fleet telemetry into per-robot MCAP recordings, on a shared subscription).",
    subcommands = {FleetRecordCommand.class})
final class FleetCommand {}
