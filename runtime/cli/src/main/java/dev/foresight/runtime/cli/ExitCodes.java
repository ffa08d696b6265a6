package dev.foresight.runtime.cli;

/** Exit codes of every {@code foresight} command. */
public final class ExitCodes {

  /** Done as asked. */
  public static final int OK = 0;
  /** Something failed while running (hardware, internal error). */
  public static final int FAILURE = 1;
  /** The command line or an input file was wrong; nothing was run. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
