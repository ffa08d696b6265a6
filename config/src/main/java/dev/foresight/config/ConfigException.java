package dev.foresight.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file that cannot be used: unreadable, not YAML, or failing validation. Carries every
 * problem found; {@link #getMessage()} is their one-line forms joined by newlines.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /** Creates an exception for at least one problem. */
  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs a problem");
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order where known. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
