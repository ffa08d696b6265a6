package dev.foresight.runtime.record;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.sim.Parameter;
import dev.foresight.sim.SimRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code run} metadata record of a recording: which robot and config (file, hash and the YAML
 * itself), the simulated run (plant, seed, every parameter as drawn, initial state), the world model
 * (file, hash, what it was trained on) and the Foresight version, so a recording can be traced and
 * reproduced. Values are strings, as MCAP metadata is.
 */
public final class RunMetadata {

  /** Key of the epoch nanoseconds at loop clock time 0: a message's log time minus it is the tick's clock reading. */
  public static final String CLOCK_EPOCH_NS_AT_ZERO = "clock_epoch_ns_at_zero";

  private RunMetadata() {}

  /**
   * @param loaded     the config
   * @param simulation the simulated run, if any
   * @param version    e.g. {@code foresight 0.1.0}
   * @param startedAt  when recording started (wall clock)
   */
  public static Map<String, String> of(LoadedConfig loaded, Optional<SimRun> simulation, String version,
      Instant startedAt) {
    RobotConfig c = loaded.config();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("robot", c.robot().id());
    m.put("foresight_version", version);
    m.put("started_utc", startedAt.toString());
    m.put("config_file", relative(loaded.file()));
    m.put("config_sha256", loaded.sha256());
    m.put("rate_hz", Integer.toString(c.loop().rateHz()));
    m.put("dt_s", Double.toString(c.loop().periodNs() * 1e-9));
    m.put("controller", c.controller().type());
    if (c.controller() instanceof SampledPlannerConfig p) {
      // The planner's noise stream starts from this seed and advances only with its iterations, which
      // /plan records per tick: with the two, a replay draws the same samples.
      m.put("planner_seed", Long.toString(p.seed()));
      m.put("planning", c.loop().planning().id());
    }
    m.put("state_names", String.join(",", c.stateNames()));
    m.put("action_names", String.join(",", c.actionNames()));
    m.put("state_sources", c.state().stream().map(s -> s.source()).collect(Collectors.joining(",")));
    m.put("action_targets", c.action().stream().map(a -> a.target()).collect(Collectors.joining(",")));
    simulation.ifPresent(run -> {
      m.put("sim_plant", run.plantName());
      m.put("sim_seed", Long.toString(run.seed()));
      m.put("sim_parameters", parameters(run));
      m.put("sim_randomized", run.randomized().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", ")));
      m.put("sim_initial_state", java.util.Arrays.stream(run.initialState())
          .mapToObj(Double::toString).collect(Collectors.joining(",")));
    });
    c.model().ifPresent(model -> {
      Path file = loaded.resolve(model.file());
      m.put("model_file", relative(file));
      m.put("model_sha256", sha256(file).orElse("unreadable"));
    });
    try {
      m.put("config_yaml", Files.readString(loaded.file()));
    } catch (IOException e) {
      m.put("config_yaml", "(unreadable: " + e.getMessage() + ")");
    }
    return m;
  }

  /** {@code name=value,...} of every parameter of the run's plant, as used. */
  public static String parameters(SimRun run) {
    return run.parameters().list().stream().map(p -> p.name() + "=" + format(p))
        .collect(Collectors.joining(","));
  }

  private static String format(Parameter p) {
    return Double.toString(p.value());
  }

  /**
   * The path relative to the working folder when it lies under it (so recordings made from a
   * repository's root are the same bytes in every clone), else absolute.
   */
  static String relative(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path here = Path.of("").toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
  }

  /** Hex SHA-256 of a file's bytes, or empty when it cannot be read. */
  public static Optional<String> sha256(Path file) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return Optional.of(HexFormat.of().formatHex(d.digest(Files.readAllBytes(file))));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
