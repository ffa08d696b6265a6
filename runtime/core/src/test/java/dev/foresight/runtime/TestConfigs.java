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

  /** The repository root: the nearest folder above the module's (where tests run) that holds {@code mvnw}. */
  public static final Path ROOT = root();

  private TestConfigs() {}

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("config/examples"))) return p;
    }
    throw new IllegalStateException("tests run inside the Foresight repository (no mvnw above " + Path.of("")
        .toAbsolutePath() + ")");
  }

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
