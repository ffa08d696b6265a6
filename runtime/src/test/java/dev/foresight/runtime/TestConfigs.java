package dev.foresight.runtime;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configs for runtime tests: the repository's examples, or YAML written to a temp folder. */
public final class TestConfigs {

  /** The repository root (tests run in the module folder). */
  public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private TestConfigs() {}

  /** Loads {@code config/examples/NAME}. */
  public static LoadedConfig example(String name) {
    try {
      return ConfigLoader.load(ROOT.resolve("config/examples").resolve(name));
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** Writes {@code yaml} to {@code dir/robot.yaml} and loads it. */
  public static LoadedConfig write(Path dir, String yaml) {
    try {
      Path file = dir.resolve("robot.yaml");
      Files.writeString(file, yaml);
      return ConfigLoader.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
