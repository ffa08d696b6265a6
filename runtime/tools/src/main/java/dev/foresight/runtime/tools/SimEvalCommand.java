package dev.foresight.runtime.tools;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.ModelConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.CemConfig;
import dev.foresight.config.control.MppiConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.WorldModelSource;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.cli.DurationConverter;
import dev.foresight.runtime.cli.ExitCodes;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.plan.Episodes;
import dev.foresight.runtime.plan.PlannerAssembly;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code foresight sim eval}: closed-loop episodes of a controller on the simulator. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Run seeded closed-loop episodes of a controller on a simulated plant and report the returns "
        + "(the plant's own reward, e.g. Gymnasium's for Pendulum-v1: random start, 200 steps).",
        "The controller comes from --config FILE, or from the first example in config/examples that simulates --plant with a --controller controller.",
        "The controller sees the plant's state directly (angles wrapped) and its action is clipped to the action "
            + "limits; there is no loop timing, estimation or safety supervisor in between."})
final class SimEvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Robot config with hardware.platform: sim.")
  Path config;

  @Option(names = "--plant", paramLabel = "NAME", description = "Plant, e.g. pendulum (with --controller).")
  String plant;

  @Option(names = "--controller", paramLabel = "TYPE", description = "mppi, cem, swingup, lqr (with --plant).")
  String controller;

  @Option(names = "--model", paramLabel = "FILE", description = "Plan on this ONNX world model instead of the simulator.")
  Path model;

  @Option(names = "--episodes", defaultValue = "100", paramLabel = "N", description = "Episodes (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Episode i starts from seed S + i (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Steps per episode (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--initial-state", split = ",", paramLabel = "X", description = "Start every episode here instead of a random reset, e.g. 3.14159,0.")
  List<Double> initialState;

  @Option(names = "--success", split = ",", paramLabel = "VAR=TOL",
      description = "Count an episode a success when every VAR stays within +-TOL (angles wrapped) over its last "
          + "--success-window and it did not end early, e.g. theta=0.2,x=0.5.")
  List<String> success;

  @Option(names = "--success-window", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "D",
      description = "The end of each episode --success judges (default ${DEFAULT-VALUE}).")
  java.time.Duration successWindow;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (episodes < 1) throw new UserException("--episodes must be at least 1");
    if (steps < 1) throw new UserException("--steps must be at least 1");
    LoadedConfig loaded = load();
    RobotConfig robot = loaded.config();
    if (robot.sim().isEmpty()) throw new UserException(loaded.file() + ": sim eval needs hardware.platform: sim and a sim section");
    Episodes.Result result;
    try (var controller = new Closing(PlannerAssembly.controller(loaded, new Episodes.Counter()))) {
      result = Episodes.run(robot, controller.controller(), episodes, seed, steps,
          initialState == null ? null : initialState.stream().mapToDouble(Double::doubleValue).toArray(),
          success(robot));
    } catch (AssemblyException | IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("config", loaded.file().toString());
      m.put("plant", robot.sim().get().plant());
      m.put("controller", robot.controller().type());
      m.put("episodes", episodes);
      m.put("seed", seed);
      m.put("steps", steps);
      m.put("mean_return", result.mean());
      m.put("std_return", result.std());
      m.put("returns", result.returns());
      if (success != null) {
        m.put("success", String.join(",", success));
        m.put("success_window_s", successWindow.toMillis() / 1000.0);
        m.put("successes", result.successCount());
        m.put("success_rate", (double) result.successCount() / episodes);
      }
      out.println(JsonMapper.builder().build().writeValueAsString(m));
    } else {
      out.printf(Locale.ROOT, "%s on %s from %s: %d episodes of %d steps, seeds %d..%d%n", robot.controller().type(),
          robot.sim().get().plant(), loaded.file(), episodes, steps, seed, seed + episodes - 1);
      out.printf(Locale.ROOT, "mean_return %.2f  std_return %.2f  min %.2f  max %.2f%n", result.mean(), result.std(),
          result.min(), result.max());
      if (success != null) {
        out.printf(Locale.ROOT, "success %d of %d (%.0f%%): %s over the last %.1f s%n", result.successCount(), episodes,
            100.0 * result.successCount() / episodes, String.join(", ", success), successWindow.toMillis() / 1000.0);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The --success criterion against the config's variables, or null. */
  private Episodes.Success success(RobotConfig robot) {
    if (success == null) return null;
    int[] index = new int[success.size()];
    double[] tolerance = new double[success.size()];
    for (int i = 0; i < index.length; i++) {
      String[] kv = success.get(i).split("=", 2);
      index[i] = kv.length == 2 ? robot.stateIndex(kv[0].strip()) : -1;
      if (index[i] < 0) {
        throw new UserException("--success " + success.get(i) + ": write VAR=TOL with a state variable of the config ("
            + String.join(", ", robot.stateNames()) + ")");
      }
      try {
        tolerance[i] = Double.parseDouble(kv[1].strip());
      } catch (NumberFormatException e) {
        tolerance[i] = Double.NaN;
      }
      if (!(tolerance[i] > 0)) throw new UserException("--success " + success.get(i) + ": the tolerance must be a positive number");
    }
    int window = (int) Math.round(successWindow.toNanos() / (double) robot.loop().periodNs());
    if (window < 1 || window > steps) {
      throw new UserException("--success-window " + successWindow.toMillis() / 1000.0 + " s is not within the episode ("
          + steps + " steps of " + robot.loop().periodNs() * 1e-9 + " s)");
    }
    return new Episodes.Success(index, tolerance, window);
  }

  private LoadedConfig load() throws ConfigException, java.io.IOException {
    Path file = config;
    if (file == null) {
      if (plant == null || controller == null) {
        throw new UserException("give --config FILE, or --plant NAME with --controller TYPE");
      }
      file = example(Path.of(System.getProperty("foresight.home", ".")).resolve("config/examples"), plant, controller);
    } else if (plant != null || controller != null) {
      throw new UserException("give either --config or --plant with --controller, not both");
    }
    LoadedConfig loaded = ConfigLoader.load(file);
    return model == null ? loaded : withModel(loaded, model);
  }

  /**
   * The first example config (by file name) that simulates {@code plant} with a {@code controller}
   * controller and reads every state variable from the plant; one without a world-model file (on the
   * simulator itself) before one with.
   */
  static Path example(Path examples, String plant, String controller) throws java.io.IOException {
    List<Path> files;
    try (var list = Files.list(examples)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (java.nio.file.NoSuchFileException e) {
      files = List.of();
    }
    // Ground truth first: an example that plans on a learned model (a model section) only when no other matches.
    for (boolean learned : new boolean[] {false, true}) {
      for (Path f : files) {
        try {
          RobotConfig c = ConfigLoader.load(f).config();
          boolean match = c.sim().map(s -> s.plant().equals(plant)).orElse(false)
              && c.controller().type().equals(controller) && c.model().isPresent() == learned
              && c.state().stream().allMatch(v -> v.source().startsWith("plant."));
          if (match) return f;
        } catch (ConfigException e) {
          // an example that does not load is not a candidate
        }
      }
    }
    throw new UserException("no example config in " + examples + " simulates plant " + plant + " with controller "
        + controller + "; give --config FILE");
  }

  /** The config planning on {@code file} (an ONNX world model) instead of what it names. */
  static LoadedConfig withModel(LoadedConfig loaded, Path file) {
    RobotConfig c = loaded.config();
    if (!Files.isRegularFile(file)) throw new UserException(file + ": no such model file");
    SampledPlannerConfig p = switch (c.controller()) {
      case MppiConfig m -> new MppiConfig(m.samples(), m.horizon(), m.iterations(), m.temperature(), m.noiseStd(),
          m.noiseBeta(), WorldModelSource.ONNX, m.rollout(), m.ensemble(), m.valueWeight(), m.seed(), m.cost());
      case CemConfig m -> new CemConfig(m.samples(), m.horizon(), m.iterations(), m.elites(), m.keepElites(),
          m.momentum(), m.noiseStd(), m.noiseBeta(), WorldModelSource.ONNX, m.rollout(), m.ensemble(), m.valueWeight(),
          m.seed(), m.cost());
      default -> throw new UserException("--model needs a planner (mppi or cem); the config's controller is "
          + c.controller().type());
    };
    ModelConfig old = c.model().orElse(null);
    ModelConfig m = old == null ? new ModelConfig(file.toAbsolutePath().toString(), Optional.empty(), null, null, null, null)
        : new ModelConfig(file.toAbsolutePath().toString(), old.valueFile(), old.intraOpThreads(), old.optimization(),
            old.provider(), old.planningMember());
    return loaded.withConfig(c.withController(p).withModel(Optional.of(m)));
  }

  /** Closes a planner's model sessions after the episodes. */
  private record Closing(dev.foresight.models.control.Controller controller) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (controller instanceof AutoCloseable c) c.close();
    }
  }
}
