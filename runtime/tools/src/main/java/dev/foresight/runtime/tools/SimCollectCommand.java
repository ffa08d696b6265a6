package dev.foresight.runtime.tools;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.ParameterDraw;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.RunSession;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.cli.VersionProvider;
import dev.foresight.runtime.learn.DataCollection;
import dev.foresight.runtime.learn.RandomPolicy;
import dev.foresight.runtime.plan.Episodes;
import dev.foresight.runtime.plan.PlannerAssembly;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight sim collect}: record seeded episodes of a policy in simulation, for training. */
@Command(name = "collect", mixinStandardHelpOptions = true,
    description = {"Record seeded episodes of a policy on a simulated robot into one MCAP file, as fast as the "
        + "machine runs, for training world models (foresight model train).",
        "Episodes run through the whole loop (sensors or emulated chips, estimator, safety supervisor) and the same "
            + "recorder as foresight run; each starts with an /episode mark. Episode i resets the plant at random "
            + "from seed S + i (its published reset) and draws randomized parameters from the same seed."})
final class SimCollectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Robot config with hardware.platform: sim.")
  Path config;

  @Option(names = "--plant", paramLabel = "NAME", description = "Plant, e.g. pendulum, cartpole-swingup: uses the "
      + "example config in config/examples that simulates it.")
  String plant;

  @Option(names = "--policy", defaultValue = "random", paramLabel = "NAME",
      description = "random (uniform actions within the limits), config (the config's controller), or a controller "
          + "type: mppi, cem, swingup, lqr, pid (default ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--model", paramLabel = "FILE", description = "With a planner policy: plan on this ONNX world model.")
  Path model;

  @Option(names = "--episodes", defaultValue = "10", paramLabel = "N", description = "Episodes (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Ticks per episode at most "
      + "(default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Episode i uses seed S + i "
      + "(default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--randomize", paramLabel = "NAME=HOW", description = "Draw a plant parameter per episode: "
      + "NAME=scale:LO,HI (its value times a factor in [LO, HI)) or NAME=range:LO,HI; repeatable.")
  List<String> randomize;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the recording.")
  Path out;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (episodes < 1) throw new UserException("--episodes must be at least 1");
    if (steps < 2) throw new UserException("--steps must be at least 2 (a transition needs two ticks)");
    LoadedConfig loaded = load();
    if (loaded.config().sim().isEmpty()) {
      throw new UserException(loaded.file() + ": sim collect needs hardware.platform: sim and a sim section");
    }
    Map<String, ParameterDraw> draws = draws(randomize);
    String policyName = policy.equals("config") ? loaded.config().controller().type() : policy;
    String name = loaded.config().sim().get().plant() + "-" + policyName + "-s" + seed + "-x" + episodes + ".mcap";
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserException(out + ": cannot create the folder (" + e.getMessage() + ")");
    }
    Path file = out.resolve(name);
    PrintWriter o = spec.commandLine().getOut();
    int every = Math.max(1, episodes / 10);
    DataCollection.Result result;
    Controller controller = null;
    try {
      controller = policy.equals("random") ? new RandomPolicy(loaded.config().action(), seed)
          : PlannerAssembly.controller(loaded, new Episodes.Counter());
      result = DataCollection.run(loaded, controller, policyName, episodes, seed, steps, draws, file,
          "foresight " + VersionProvider.version(), (episode, ticks, ret) -> {
            if (!json && ((episode + 1) % every == 0 || episode + 1 == episodes)) {
              o.printf(Locale.ROOT, "  episode %d/%d: %d ticks, return %.2f%n", episode + 1, episodes, ticks, ret);
              o.flush();
            }
          });
    } catch (AssemblyException | IllegalArgumentException e) {
      throw new UserException(loaded.file() + ": " + e.getMessage());
    } finally {
      if (controller instanceof AutoCloseable c) c.close();
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("config", loaded.file().toString());
      m.put("policy", policyName);
      m.put("episodes", result.episodes());
      m.put("seed", seed);
      m.put("ticks", result.ticks());
      m.put("transitions", result.transitions());
      m.put("mean_return", result.meanReturn());
      m.put("returns", result.returns());
      o.println(JsonMapper.builder().build().writeValueAsString(m));
    } else {
      o.printf(Locale.ROOT, "%s: %d episodes of %s on %s (seeds %d..%d): %d ticks, %d transitions, mean return %.2f%n",
          RunSession.display(file), result.episodes(), policyName, loaded.config().sim().get().plant(), seed,
          seed + episodes - 1, result.ticks(), result.transitions(), result.meanReturn());
    }
    o.flush();
    return ExitCodes.OK;
  }

  private LoadedConfig load() throws ConfigException, IOException {
    LoadedConfig loaded;
    if (config != null) {
      if (plant != null) throw new UserException("give either --config or --plant, not both");
      loaded = ConfigLoader.load(config);
      String type = loaded.config().controller().type();
      if (!policy.equals("random") && !policy.equals("config") && !policy.equals(type)) {
        throw new UserException("--policy " + policy + ": the config's controller is " + type + "; use --policy "
            + type + " (or config, or random)");
      }
    } else {
      if (plant == null) throw new UserException("give --config FILE or --plant NAME");
      Path examples = Path.of(System.getProperty("foresight.home", ".")).resolve("config/examples");
      loaded = ConfigLoader.load(example(examples));
    }
    return model == null ? loaded : SimEvalCommand.withModel(loaded, model);
  }

  /** The example for {@code --plant}: with the policy's controller, or (random) the first with a planner. */
  private Path example(Path examples) throws IOException {
    if (!policy.equals("random") && !policy.equals("config")) return SimEvalCommand.example(examples, plant, policy);
    for (String type : List.of("mppi", "cem", "swingup", "lqr", "pid")) {
      try {
        return SimEvalCommand.example(examples, plant, type);
      } catch (UserException tryNext) {
        // no example of this plant with this controller
      }
    }
    throw new UserException("no example config in " + examples + " simulates plant " + plant + "; give --config FILE");
  }

  /** {@code NAME=scale:LO,HI} or {@code NAME=range:LO,HI}. */
  static Map<String, ParameterDraw> draws(List<String> specs) {
    Map<String, ParameterDraw> draws = new LinkedHashMap<>();
    if (specs == null) return draws;
    for (String spec : specs) {
      String[] nameHow = spec.split("=", 2);
      String[] kindBounds = nameHow.length == 2 ? nameHow[1].split(":", 2) : new String[0];
      String[] bounds = kindBounds.length == 2 ? kindBounds[1].split(",") : new String[0];
      double lo;
      double hi;
      try {
        if (bounds.length != 2 || !(kindBounds[0].equals("scale") || kindBounds[0].equals("range"))) {
          throw new NumberFormatException();
        }
        lo = Double.parseDouble(bounds[0].strip());
        hi = Double.parseDouble(bounds[1].strip());
      } catch (NumberFormatException e) {
        throw new UserException("--randomize " + spec + ": write NAME=scale:LO,HI or NAME=range:LO,HI, e.g. "
            + "mass=scale:0.8,1.2");
      }
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
        throw new UserException("--randomize " + spec + ": the bounds must be finite numbers with LO <= HI");
      }
      boolean scale = kindBounds[0].equals("scale");
      if (scale && lo <= 0) throw new UserException("--randomize " + spec + ": a scale must be positive");
      draws.put(nameHow[0].strip(), scale ? new ParameterDraw(List.of(lo, hi), null) : new ParameterDraw(null, List.of(lo, hi)));
    }
    return draws;
  }
}
