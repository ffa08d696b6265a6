package dev.foresight.runtime.cli;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.ConfigProblem;
import dev.foresight.config.ConfigSchema;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.Platform;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.time.SteppedClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foresight config ...}: check and describe robot config files. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Check robot config files and print their JSON Schema.",
    subcommands = {ConfigCommand.Validate.class, ConfigCommand.Schema.class})
final class ConfigCommand {

  /** {@code foresight config validate FILE...}. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = {"Check config files: syntax, types, ranges, names, references, dimensions and referenced "
          + "files. A simulated robot is also assembled (not run), which checks its plant variables.",
          "Prints one line per problem (file:line:column: key: reason); exits 2 if any file has one."})
  static final class Validate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Config files (YAML).")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int failed = 0;
      for (Path file : files) {
        try {
          LoadedConfig loaded = ConfigLoader.load(file);
          if (loaded.config().hardware().platform() == Platform.SIM) {
            Robot.assemble(loaded, new SteppedClock()).close();
          }
          out.printf("%s: ok (robot %s, %d state, %d action, controller %s)%n", file, loaded.config().robot().id(),
              loaded.config().state().size(), loaded.config().action().size(), loaded.config().controller().type());
        } catch (ConfigException e) {
          failed++;
          for (ConfigProblem p : e.problems()) err.println(p.format());
        } catch (AssemblyException e) {
          failed++;
          err.println(file + ": " + e.getMessage());
        }
      }
      out.flush();
      err.flush();
      return failed == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }
  }

  /** {@code foresight config schema}. */
  @Command(name = "schema", mixinStandardHelpOptions = true,
      description = "Print the JSON Schema of robot config files (the same as config/schema/robot.schema.json).")
  static final class Schema implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(ConfigSchema.generate());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
