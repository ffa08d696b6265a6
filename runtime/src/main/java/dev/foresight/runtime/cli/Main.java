package dev.foresight.runtime.cli;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the {@code foresight} command. Maps failures to exit codes: a user's mistake is
 * one line on stderr and exit 2; a failure while running is exit 1; stack traces only with
 * {@code --debug}.
 */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new ForesightCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, command, parseResult) -> {
      int code = switch (e) {
        case ConfigException c -> {
          for (ConfigProblem p : c.problems()) err.println(p.format());
          yield ExitCodes.USAGE;
        }
        case UserException u -> {
          err.println("foresight: " + u.getMessage());
          yield ExitCodes.USAGE;
        }
        case CommandLine.ParameterException p -> {
          err.println("foresight: " + p.getMessage());
          yield ExitCodes.USAGE;
        }
        default -> {
          err.println("foresight: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
          yield ExitCodes.FAILURE;
        }
      };
      if (debug) e.printStackTrace(err);
      err.flush();
      return code;
    });
    cli.setParameterExceptionHandler((e, badArgs) -> {
      CommandLine command = e.getCommandLine();
      PrintWriter errors = command.getErr();
      errors.println("foresight: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, errors);
      errors.println();
      command.usage(errors);
      errors.flush();
      return ExitCodes.USAGE;
    });
    return cli.execute(args);
  }
}
