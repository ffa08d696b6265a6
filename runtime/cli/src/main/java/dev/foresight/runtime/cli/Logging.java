package dev.foresight.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Adjusts Logback at start-up from command-line options. The default configuration
 * ({@code logback.xml}) logs readable lines to stderr; {@code --log-json FILE} adds a JSON-lines
 * file that log tools ingest directly.
 */
final class Logging {

  private Logging() {}

  /** Sets the level of Foresight's own loggers. */
  static void level(String level) {
    Level parsed = Level.toLevel(level, null);
    if (parsed == null) {
      throw new UserException("--log-level: '" + level + "' is not a level; use error, warn, info, debug or trace");
    }
    context().getLogger("dev.foresight").setLevel(parsed);
  }

  /** Adds a JSON-lines file appender (one JSON object per log event) on the root logger. */
  static void jsonFile(Path file) {
    LoggerContext context = context();
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("json-file");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.setAppend(true);
    appender.start();
    if (!appender.isStarted()) throw new UserException("--log-json: cannot write " + file);
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }
}
