package dev.foresight.config;

import java.nio.file.Path;

/**
 * One thing wrong with a config file, located as precisely as the file allows.
 *
 * @param file    the config file
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param path    key path such as {@code devices[2].address}; empty for the whole file
 * @param message what is wrong and, where it helps, how to fix it
 */
public record ConfigProblem(Path file, int line, int column, String path, String message) {

  /**
   * The one-line form users see: {@code file:line:column: path: message}, leaving out what is
   * unknown.
   */
  public String format() {
    StringBuilder out = new StringBuilder().append(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) out.append(':').append(column);
    }
    out.append(": ");
    if (!path.isEmpty()) out.append(path).append(": ");
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
