package dev.foresight.runtime.cli;

import dev.foresight.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads {@code --duration 10s} style options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      Duration d = Durations.parse(value);
      if (d.isZero()) throw new CommandLine.TypeConversionException("a duration of 0 runs nothing; give e.g. 10s");
      return d;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
