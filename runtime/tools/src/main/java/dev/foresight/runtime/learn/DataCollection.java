package dev.foresight.runtime.learn;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.LoopConfig;
import dev.foresight.config.ParameterDraw;
import dev.foresight.config.PlanningMode;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.config.TrustConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.record.Recorder;
import dev.foresight.runtime.record.RecordingLayout;
import dev.foresight.runtime.record.RunMetadata;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.sim.Parameter;
import dev.foresight.sim.SimRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects training data in simulation: seeded episodes of a policy on the config's simulated
 * robot, run through the whole loop (drivers or perfect sensors, estimator, safety supervisor) as
 * fast as possible on a stepped clock, and recorded by the same {@link Recorder} as a live run, with
 * an {@code /episode} mark at the start of each episode. Episode {@code i} draws its initial state
 * and randomized parameters from seed {@code seed + i}; it ends after {@code steps} ticks, when the
 * plant reaches a terminal state, or when the supervisor stops the robot.
 *
 * <pre>{@code
 * DataCollection.Result r = DataCollection.run(loaded, policy, "random", 50, 1, 200, Map.of(), file, "foresight 0.1.0",
 *     (episode, ret) -> { });
 * }</pre>
 */
public final class DataCollection {

  /** Hears about each finished episode. */
  @FunctionalInterface
  public interface Progress {
    /** Episode {@code index} ended with {@code ticks} ticks and this return (the plant's reward summed). */
    void episode(int index, int ticks, double episodeReturn);
  }

  /**
   * What was collected.
   *
   * @param file        the recording
   * @param episodes    episodes recorded
   * @param ticks       ticks recorded
   * @param transitions (state, action, next state) triples: ticks minus one per episode
   * @param returns     per episode, the plant's reward summed
   */
  public record Result(Path file, int episodes, long ticks, long transitions, List<Double> returns) {

    /** Mean return. */
    public double meanReturn() {
      return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  private DataCollection() {}

  /**
   * Runs the episodes and records them into {@code file}.
   *
   * @param loaded     a config with a {@code sim} section
   * @param policy     the policy (not closed here); a {@link RandomPolicy} is reseeded per episode
   * @param policyName how the policy is called in the recording
   * @param episodes   episodes to run
   * @param seed       episode {@code i} uses seed {@code seed + i}
   * @param steps      ticks per episode at most
   * @param randomize  extra parameter draws, on top of the config's {@code sim.randomize}
   * @param file       the recording to write
   * @param version    the Foresight version, for the metadata
   * @param progress   told about each episode
   * @throws AssemblyException for a config the simulator cannot run (bad parameter names, ...)
   */
  public static Result run(LoadedConfig loaded, Controller policy, String policyName, int episodes, long seed,
      int steps, Map<String, ParameterDraw> randomize, Path file, String version, Progress progress)
      throws AssemblyException, IOException {
    RobotConfig base = loaded.config();
    if (base.sim().isEmpty()) throw new AssemblyException("sim: collecting data needs hardware.platform: sim and a sim section");
    long epochMsAtStart = 1_700_000_000_000L;   // simulated time: fixed, so the same seed writes the same file
    long periodNs = base.loop().periodNs();
    List<Double> returns = new ArrayList<>();
    long ticks = 0;
    long clockNs = 0;
    Recorder recorder = null;
    try {
      for (int e = 0; e < episodes; e++) {
        LoadedConfig episode = forEpisode(loaded, seed + e, randomize);
        SteppedClock clock = new SteppedClock(epochMsAtStart);
        clock.advance(clockNs);
        if (policy instanceof RandomPolicy random) random.reseed(seed + e);
        policy.reset();
        try (Robot robot = Robot.assembleWith(episode, clock, policy)) {
          SimRun run = robot.simulation().orElseThrow();
          if (recorder == null) {
            Map<String, String> meta = new LinkedHashMap<>(RunMetadata.of(episode, Optional.of(run), version,
                Instant.ofEpochMilli(epochMsAtStart)));
            meta.put("collect_policy", policyName);
            meta.put("collect_episodes", Integer.toString(episodes));
            meta.put("collect_seed", Long.toString(seed));
            meta.put("collect_steps", Integer.toString(steps));
            recorder = Recorder.create(file, RecordingLayout.of(base, robot.io().rawNames(),
                robot.loop().plan().planSize()), meta, null, epochMsAtStart * 1_000_000L, Recorder.writerOptions(base.recording()));
          }
          recorder.episode(clock.nanoTime(), e, seed + e, policyName, parameters(run), initialState(run));
          TickQueue queue = robot.loop().addTap(Phase.RECORD, 64, 1);
          EventLog.Subscription events = robot.events().subscribeFromOldest();
          robot.safety().arm("collect");
          double[] episodeReturn = {0};
          int n = 0;
          Recorder r = recorder;
          while (n < steps) {
            clock.advance(periodNs);
            robot.loop().doWork(clock.nanoTime());
            n++;
            queue.drain(f -> {
              if (!Double.isNaN(f.cost)) episodeReturn[0] -= f.cost;
              write(r, f);
            }, 64);
            events.poll(ev -> event(r, ev), 64);
            if (run.plant().terminated() || robot.safety().mode() != Mode.ARMED) break;
          }
          robot.close();
          events.poll(ev -> event(r, ev), Integer.MAX_VALUE);
          ticks += n;
          clockNs = clock.nanoTime();   // the next episode's first tick comes one period later
          returns.add(episodeReturn[0]);
          progress.episode(e, n, episodeReturn[0]);
        }
      }
      if (recorder != null) {
        recorder.status(clockNs, 0, 0, 0);
        recorder.close(0, 0, "collection complete");
      }
    } catch (UncheckedIOException x) {
      throw x.getCause();
    } finally {
      if (recorder != null) recorder.close();
    }
    return new Result(file, episodes, ticks, ticks - episodes, List.copyOf(returns));
  }

  /**
   * The config for one episode: its seed, unpaced, inline planning (deterministic on the stepped
   * clock), the plant's own random reset (no fixed {@code sim.initial_state}) and the extra draws.
   */
  static LoadedConfig forEpisode(LoadedConfig loaded, long seed, Map<String, ParameterDraw> randomize) {
    RobotConfig c = loaded.config();
    SimConfig s = c.sim().orElseThrow();
    Map<String, ParameterDraw> draws = new LinkedHashMap<>(s.randomize());
    draws.putAll(randomize);
    LoopConfig loop = c.loop().withPlanning(PlanningMode.INLINE, c.loop().planBudgetMs()).withScheduling(0, -1);
    // Collected data shows what the policy does: no trust monitor switches it to a fallback mid-episode.
    TrustConfig noMonitor = new TrustConfig(false, c.trust().falseAlarmsPerHour(), c.trust().hysteresisS(),
        c.trust().thresholds());
    return loaded.withConfig(c.withLoop(loop).withSim(Optional.of(s.forEpisode(seed, draws))).withTrust(noMonitor));
  }

  private static Map<String, Double> parameters(SimRun run) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Parameter p : run.parameters().list()) m.put(p.name(), p.value());
    return m;
  }

  private static Map<String, Double> initialState(SimRun run) {
    Map<String, Double> m = new LinkedHashMap<>();
    double[] x = run.initialState();
    List<String> names = run.plant().spec().stateNames();
    for (int i = 0; i < x.length; i++) m.put(names.get(i), x[i]);
    return m;
  }

  private static void write(Recorder r, dev.foresight.runtime.loop.TickFrame f) {
    try {
      r.tick(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void event(Recorder r, dev.foresight.runtime.events.Event e) {
    try {
      r.event(e);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
