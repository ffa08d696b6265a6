package dev.foresight.runtime.cli;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
    if (needsPlugins(args)) {
      for (CommandPlugin plugin : Plugins.load(CommandPlugin.class)) plugin.register(cli);
      String missing = missingPluginCommand(cli, args);
      if (missing != null) {
        String plugin = missing.equals("dashboard") ? "dashboard" : "tools";
        err.println("foresight: '" + missing + "' comes with the " + plugin + " plugin, which is not installed here"
            + Plugins.folder().map(d -> " (no foresight-" + plugin + ".jar in " + d + ")").orElse(" (foresight-" + plugin
            + " is not on the class path)"));
        err.flush();
        return ExitCodes.USAGE;
      }
    }
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

  /** Global options that take a value (their value is not a command name). */
  private static final Set<String> VALUED_OPTIONS = Set.of("--log-level", "--log-json");

  /** The robot's own commands: what a robot runs never loads a plugin's classes. */
  private static final Set<String> ROBOT_COMMANDS = Set.of("run", "demo", "doctor", "config", "monitor", "keys", "fleet", "deploy",
      "bench",
      "model inspect", "log info", "log export");

  /** Commands the tools and dashboard plugins bring (for a clear message when one is absent). */
  private static final Set<String> PLUGIN_COMMANDS = Set.of("sim", "model train", "model eval", "model calibrate",
      "model update", "log plot", "log replay", "log compare", "dashboard");

  /** The command words of {@code args}: positional words before the first option of a command. */
  private static List<String> commandWords(String[] args) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length && words.size() < 2; i++) {
      String a = args[i];
      if (a.startsWith("-")) {
        if (!words.isEmpty()) break;   // an option of the command: what follows is not a subcommand
        if (VALUED_OPTIONS.contains(a)) i++;
        continue;
      }
      words.add(a);
    }
    return words;
  }

  /** Whether the command line asks for (or lists) commands that plugins bring. */
  static boolean needsPlugins(String[] args) {
    List<String> words = commandWords(args);
    if (words.isEmpty()) return true;   // the command list
    if (ROBOT_COMMANDS.contains(words.getFirst())) return false;
    return words.size() < 2 || !ROBOT_COMMANDS.contains(words.get(0) + " " + words.get(1));
  }

  private static String missingPluginCommand(CommandLine cli, String[] args) {
    List<String> words = commandWords(args);
    for (int n = Math.min(2, words.size()); n >= 1; n--) {
      String command = String.join(" ", words.subList(0, n));
      if (!PLUGIN_COMMANDS.contains(command)) continue;
      CommandLine c = cli;
      for (String w : words.subList(0, n)) c = c == null ? null : c.getSubcommands().get(w);
      return c == null ? command : null;
    }
    return null;
  }
}
