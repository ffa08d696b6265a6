package dev.foresight.runtime.learn;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.RobotConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The robot config a recording was made with, from its {@code run} metadata (the YAML is stored in the file). */
public final class RecordingConfigs {

  private RecordingConfigs() {}

  /** The first recording's config, parsed from its stored YAML; empty when it has none or it no longer parses. */
  public static Optional<RobotConfig> load(RecordedData data) {
    for (RecordedData.FileReport f : data.files()) {
      Map<String, String> run = f.run();
      String yaml = run.get("config_yaml");
      if (yaml == null) continue;
      Path where = Path.of(run.getOrDefault("config_file", f.file().toString()));
      try {
        return Optional.of(ConfigLoader.parse(yaml, where));
      } catch (ConfigException | RuntimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
