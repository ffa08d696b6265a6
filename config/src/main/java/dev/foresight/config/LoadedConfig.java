package dev.foresight.config;

import java.nio.file.Path;

/**
 * A validated config together with where it came from.
 *
 * @param file   the config file (absolute, normalized)
 * @param config the validated records
 * @param sha256 hex SHA-256 of the file's bytes: identifies the exact config in recordings and
 *               the MQTT status message
 */
public record LoadedConfig(Path file, RobotConfig config, String sha256) {

  /** Resolves a path written in the config file relative to the file's folder. */
  public Path resolve(String reference) {
    return resolve(file, reference);
  }

  static Path resolve(Path configFile, String reference) {
    Path folder = configFile.toAbsolutePath().getParent();
    return folder.resolve(reference).normalize();
  }

  /** The first 12 hex digits of the hash, for display. */
  public String shortHash() {
    return sha256.substring(0, 12);
  }

  /** The same file and hash with a changed config (a command's overrides, such as {@code --record}). */
  public LoadedConfig withConfig(RobotConfig changed) {
    return new LoadedConfig(file, changed, sha256);
  }
}
