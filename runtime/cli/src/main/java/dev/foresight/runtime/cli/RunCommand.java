package dev.foresight.runtime.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foresight run --config FILE}: run a robot. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a robot from its config until Ctrl-C (or --duration).",
        "Shows live progress; on Ctrl-C the outputs go to their safe state before exit."})
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Robot config (YAML).")
  Path config;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 10s, 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(names = "--broker", paramLabel = "URL",
      description = "MQTT broker for telemetry and commands, e.g. tcp://localhost:1883 (default: telemetry.broker "
          + "from the config).")
  String broker;

  @Option(names = "--quiet", description = "No live progress; print only the summary.")
  boolean quiet;

  @Option(names = "--json", description = "No live progress; print the summary (loop metrics, mode, alerts) as one "
      + "JSON object.")
  boolean json;

  @Option(names = "--record", description = "Record every tick to MCAP, as recording.enabled: true (into recording.dir, "
      + "default recordings/); foresight log plot FILE draws it.")
  boolean record;

  @Override
  public Integer call() throws Exception {
    return RunSession.run(config, duration, false, !quiet && !json, json, broker, record, spec.commandLine().getOut());
  }
}
