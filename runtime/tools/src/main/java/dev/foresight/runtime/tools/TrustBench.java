package dev.foresight.runtime.tools;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.LoopConfig;
import dev.foresight.config.PlanningMode;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.SafetyConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.config.TrustConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.SimPlants;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.sim.ChangingPlant;
import dev.foresight.sim.PlantChange;
import dev.foresight.sim.SimRandom;
import dev.foresight.sim.SimRun;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One episode of {@code foresight sim trust}: a robot of {@link TrustScenarios} assembled as
 * {@code foresight run} assembles it ({@link Robot#assemble}: estimator, planner, trust stage,
 * safety supervisor, the same {@code ControlLoop}), on a plant that may change mid-episode, stepped
 * on a simulated clock as fast as the machine allows (inline planning, so every plan runs all its
 * iterations and a seed gives the same episode every time).
 */
final class TrustBench {

  /** How the robot runs. */
  enum Arm {
    /** The planner alone, nothing watching its model. */
    NO_MONITOR(false, false),
    /** The planner with the trust monitor and the fallback controller on the model_untrusted ladder. */
    MONITOR(true, false),
    /** As MONITOR, with online adaptation ({@code trust.adaptation.enabled}): gated swaps of a learned correction. */
    ADAPTED(true, true),
    /** The fallback controller drives; the monitor still watches the model's predictions (false-alarm runs). */
    FALLBACK_DRIVES(true, false);

    final boolean monitor;
    final boolean adapt;

    Arm(boolean monitor, boolean adapt) {
      this.monitor = monitor;
      this.adapt = adapt;
    }
  }

  /** Fixed simulated epoch, so the same seed gives the same episode. */
  private static final long EPOCH_MS = 1_700_000_000_000L;

  /**
   * What one episode did, tick by tick (index k: the plant step k, which tick k + 1 applied).
   *
   * @param reward       per plant step, the robot's reward (0 once the plant terminated)
   * @param trust        per tick, the monitor's statistic / threshold (NaN without a monitor)
   * @param mode         per tick: 0 planner, 1 fallback controller, 2 stopped
   * @param version      per tick, the model (correction) version that planned
   * @param state        per tick, the state estimate (what the sensors read), [tick][variable]
   * @param alarms       per tick, whether the monitor alarmed
   * @param alarmChannels the channel of each alarm, in order ({@code theta_dot}, {@code spread(theta)})
   * @param changeStep   the plant step the change took effect at (Integer.MAX_VALUE: none)
   * @param dtS          the period
   */
  record Episode(double[] reward, double[] trust, int[] mode, int[] version, double[][] state, boolean[] alarms,
      List<String> alarmChannels, int changeStep, double dtS) {

    /** Sum of the reward over plant steps [from, to). */
    double returnOver(int from, int to) {
      double sum = 0;
      for (int k = from; k < Math.min(to, reward.length); k++) sum += reward[k];
      return sum;
    }

    /**
     * Seconds from the change to the first alarm on a tick that saw the changed plant (the tick
     * sensing step {@code k}'s result compares the prediction of step {@code k}), or -1 without one.
     */
    double detectionDelayS() {
      for (int t = changeStep; t < alarms.length; t++) {
        // Tick index t (tick t + 1) senses the state after t plant steps.
        if (alarms[t]) return (t - changeStep) * dtS;
      }
      return -1;
    }

    /** Alarms on ticks that saw only the nominal plant. */
    int alarmsBeforeChange() {
      int n = 0;
      for (int t = 0; t < Math.min(changeStep, alarms.length); t++) if (alarms[t]) n++;
      return n;
    }

    /** All alarms. */
    int alarmCount() {
      int n = 0;
      for (boolean a : alarms) if (a) n++;
      return n;
    }

    /** Ticks at or after the change in {@code which} mode. */
    int ticksInMode(int which, int from) {
      int n = 0;
      for (int t = from; t < mode.length; t++) if (mode[t] == which) n++;
      return n;
    }

    /** Model version changes (swaps and rollbacks). */
    int versionChanges() {
      int n = 0;
      for (int t = 1; t < version.length; t++) if (version[t] != version[t - 1]) n++;
      return n;
    }

    /** The first tick at or after {@code from} planned by a corrected model (version above 0), or -1. */
    int firstSwap(int from) {
      for (int t = Math.max(1, from); t < version.length; t++) if (version[t] > 0 && version[t - 1] != version[t]) return t;
      return -1;
    }
  }

  private TrustBench() {}

  /**
   * Runs one episode.
   *
   * @param robot  the robot
   * @param arm    how it runs
   * @param seed   the episode's seed (initial state)
   * @param change the plant's change, or null for the nominal plant
   * @param steps  plant steps
   */
  static Episode run(TrustScenarios.Robot robot, Arm arm, long seed, PlantChange change, int steps) {
    LoadedConfig loaded = configure(robot, arm, seed);
    RobotConfig c = loaded.config();
    long periodNs = c.loop().periodNs();
    double dtS = periodNs * 1e-9;
    int changeStep = change == null ? Integer.MAX_VALUE : (int) Math.round(robot.changeAtS() / dtS);
    int s = c.state().size();
    double[] reward = new double[steps];
    double[] trust = new double[steps];
    int[] mode = new int[steps];
    int[] version = new int[steps];
    double[][] state = new double[steps][s];
    boolean[] alarms = new boolean[steps];
    List<String> channels = new java.util.ArrayList<>();
    java.util.Arrays.fill(trust, Double.NaN);
    try {
      SimRun run = SimPlants.create(c, periodNs);
      ChangingPlant plant = ChangingPlant.of(run.plantName(), run.parameters(),
          change == null ? PlantChange.none() : change, change == null ? Long.MAX_VALUE : changeStep);
      plant.reset(run.initialState());
      SteppedClock clock = new SteppedClock(EPOCH_MS);
      try (Robot r = Robot.assemble(loaded, clock, PlantIo.wire(plant, c))) {
        TickQueue queue = r.loop().addTap(Phase.RECORD, 64, 1);
        r.safety().arm("sim trust");
        int[] n = {0};
        TickQueue.Consumer keep = f -> {
          int k = n[0]++;
          if (k >= steps) return;
          keep(f, k, reward, trust, mode, version, state, alarms, robot);
          if (f.trustAlarm) channels.add(f.trustChannel);
        };
        boolean terminated = false;
        for (int k = 0; k < steps && !terminated; k++) {
          clock.advance(periodNs);
          r.loop().doWork(clock.nanoTime());
          queue.drain(keep, 64);
          terminated = plant.terminated();
        }
        // After termination the reward stays 0 (as Gymnasium's after the end) and the rest is
        // marked stopped.
        for (int k = n[0]; k < steps; k++) {
          mode[k] = 2;
          state[k] = state[Math.max(0, n[0] - 1)].clone();
          version[k] = n[0] > 0 ? version[n[0] - 1] : 0;
        }
      }
    } catch (AssemblyException | IllegalArgumentException e) {
      throw new UserException(robot.name() + ": " + e.getMessage());
    }
    return new Episode(reward, trust, mode, version, state, alarms, List.copyOf(channels), changeStep, dtS);
  }

  private static void keep(TickFrame f, int k, double[] reward, double[] trust, int[] mode, int[] version,
      double[][] state, boolean[] alarms, TrustScenarios.Robot robot) {
    reward[k] = Double.isNaN(f.cost) ? 0 : robot.reward().applyAsDouble(f.cost);
    trust[k] = f.trust;
    mode[k] = f.mode != Mode.ARMED ? 2 : f.fallback ? 1 : 0;
    version[k] = f.modelVersion;
    System.arraycopy(f.state, 0, state[k], 0, state[k].length);
    alarms[k] = f.trustAlarm;
  }

  /**
   * The robot's config for an arm and seed: unpaced inline planning (deterministic), the episode's
   * initial state, the fallback controller on the ladder, the monitor on or off, and for
   * {@link Arm#FALLBACK_DRIVES} the fallback as the controller.
   */
  static LoadedConfig configure(TrustScenarios.Robot robot, Arm arm, long seed) {
    RobotConfig c = robot.primary().config();
    LoopConfig loop = c.loop().withPlanning(PlanningMode.INLINE, c.loop().planBudgetMs()).withScheduling(0, -1);
    SimConfig sim = c.sim().orElseThrow();
    List<Double> initial = List.of();
    SplittableRandom random = SimRandom.stream(seed, SimRandom.INITIAL_STATE);
    if (arm == Arm.FALLBACK_DRIVES && !robot.hangingStart()) {
      // The cart-pole's LQR balances; it cannot swing up: start near upright (CartPole-v1's reset).
      initial = random.doubles(c.state().size(), -0.05, 0.05).boxed().toList();
    } else if (robot.hangingStart() && arm != Arm.FALLBACK_DRIVES) {
      initial = List.of(Math.PI + random.nextDouble(-0.05, 0.05), random.nextDouble(-0.05, 0.05));
    }
    // (The pendulum's swing-up fallback, driving, starts from Pendulum-v1's own random reset.)
    SimConfig episode = new SimConfig(sim.plant(), seed, false, initial, sim.parameters(), sim.randomize(),
        sim.devices(), sim.supply(), sim.faults());
    SafetyConfig s = c.safety();
    SafetyConfig safety = new SafetyConfig(s.armOnStart(), s.watchdogTimeoutMs(), s.watchdogMissedDeadlines(),
        s.estopInput(), s.envelope(), s.sensors(), s.ladder(), Optional.of(robot.fallback()), s.recoverAfterMs(),
        s.linkLoss());
    TrustConfig t = c.trust();
    TrustConfig trust = new TrustConfig(arm.monitor, t.falseAlarmsPerHour(), t.hysteresisS(), t.thresholds(),
        t.adaptation().withEnabled(arm.adapt));
    RobotConfig out = c.withLoop(loop).withSim(Optional.of(episode)).withSafety(safety).withTrust(trust);
    if (arm == Arm.FALLBACK_DRIVES) out = out.withController(robot.fallback());
    return robot.primary().withConfig(out);
  }
}
