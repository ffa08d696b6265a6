package dev.foresight.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one {@code foresight} command line in this JVM and keeps what it printed (for tests). */
public final class CliRun {

  private CliRun() {}

  /** Output and exit code of one command line. */
  public record Result(int code, String out, String err) {}

  /** Runs {@code args} through {@link Main#execute}. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }
}
