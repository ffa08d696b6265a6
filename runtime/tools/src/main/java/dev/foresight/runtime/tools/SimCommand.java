package dev.foresight.runtime.tools;

import picocli.CommandLine.Command;

/** {@code foresight sim ...}: the simulator on its own, without running a robot. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run the simulator's plants directly: roll out action sequences, draw runs, evaluate controllers, collect training data, benchmark the trust monitor.",
    subcommands = {RolloutCommand.class, SimEvalCommand.class, SimCollectCommand.class, SimTrustCommand.class})
final class SimCommand {
}
