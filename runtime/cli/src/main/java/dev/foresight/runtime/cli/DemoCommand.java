package dev.foresight.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foresight demo}: the simulated pendulum, end to end, with live progress. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the simulated pendulum (config/examples/pendulum-learned.yaml): MPPI planning on the int8 "
        + "world model Foresight learned from recordings (models/pendulum), armed at start, showing tick rate, state, "
        + "action, cost and plan time as it goes.",
        "Stops on Ctrl-C or after --duration and prints a summary."})
final class DemoCommand implements Callable<Integer> {

  /** The demo's config, relative to the Foresight folder. */
  static final Path DEMO_CONFIG = Path.of("config", "examples", "pendulum-learned.yaml");

  @Spec CommandSpec spec;

  @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
      description = "Stop after this long, e.g. 10s, 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(names = "--broker", paramLabel = "URL",
      description = "MQTT broker for telemetry and commands, e.g. tcp://localhost:1883 (default: telemetry.broker "
          + "from the config; when that is none, an embedded broker on localhost:1883).")
  String broker;
  @Option(names = "--json", description = "No live progress; print the summary (loop metrics, mode, alerts) as one "
      + "JSON object.")
  boolean json;

  @Option(names = "--record", description = "Record every tick to MCAP, as recording.enabled: true (into recording.dir, "
      + "default recordings/); foresight log plot FILE draws it.")
  boolean record;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("foresight.home", "."));
    Path config = home.resolve(DEMO_CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new UserException("demo config " + config + " not found; run the demo from the Foresight folder "
          + "(./foresight demo) or set -Dforesight.home");
    }
    return RunSession.run(config, duration, true, !json, json, broker, record, spec.commandLine().getOut());
  }
}
