package dev.foresight.runtime;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.Platform;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Controllers;
import dev.foresight.runtime.estimate.Estimator;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.io.RobotIo;
import dev.foresight.runtime.loop.ControlLoop;
import dev.foresight.runtime.loop.LoopRunner;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.PacedClock;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.runtime.time.SystemClock;
import dev.foresight.sim.Plant;
import dev.foresight.sim.SimRun;
import java.util.Optional;

/**
 * The composition root: one robot assembled from its config, with every part wired and nothing
 * started. {@link #close()} stops the loop, makes the outputs safe and releases resources in the
 * reverse order of assembly.
 *
 * <pre>{@code
 * try (Robot robot = Robot.assemble(ConfigLoader.load(path))) {
 *   if (robot.config().safety().armOnStart()) robot.safety().arm();
 *   robot.runner().start(Duration.ofSeconds(10).toNanos());
 *   robot.runner().awaitStop(Long.MAX_VALUE);
 * }
 * }</pre>
 */
public final class Robot implements AutoCloseable {

  private final LoadedConfig loaded;
  private final Clock clock;
  private final RobotIo io;
  private final Controller controller;
  private final SafetySupervisor safety;
  private final ControlLoop loop;
  private final LoopRunner runner;

  private Robot(LoadedConfig loaded, Clock clock, RobotIo io, Controller controller, SafetySupervisor safety,
      ControlLoop loop, LoopRunner runner) {
    this.loaded = loaded;
    this.clock = clock;
    this.io = io;
    this.controller = controller;
    this.safety = safety;
    this.loop = loop;
    this.runner = runner;
  }

  /**
   * Assembles a robot with the clock its config implies: real time on hardware; in simulation,
   * simulated time (deterministic for the seed), paced to the wall clock or, unpaced, as fast as
   * the machine allows.
   */
  public static Robot assemble(LoadedConfig loaded) throws AssemblyException {
    RobotConfig config = loaded.config();
    Clock clock = config.hardware().platform() != Platform.SIM ? new SystemClock()
        : config.sim().map(SimConfig::paced).orElse(true) ? new PacedClock()
        : new SteppedClock(System.currentTimeMillis());
    return assemble(loaded, clock);
  }

  /** Assembles a robot on the given clock. */
  public static Robot assemble(LoadedConfig loaded, Clock clock) throws AssemblyException {
    RobotConfig config = loaded.config();
    long periodNs = config.loop().periodNs();
    RobotIo io = switch (config.hardware().platform()) {
      case SIM -> simulatedIo(config, periodNs);
      case RASPBERRYPI -> throw new AssemblyException("hardware.platform: raspberrypi needs the Pi4J device "
          + "drivers, which this build does not have yet; use platform: sim");
    };
    Controller controller = Controllers.create(config, periodNs * 1e-9);
    SafetySupervisor safety = new SafetySupervisor(config);
    Estimator estimator = new Estimator(config, io.rawNames());
    ControlLoop loop = new ControlLoop(io, estimator, controller, safety, config.state().size(), config.action().size());
    return new Robot(loaded, clock, io, controller, safety, loop, new LoopRunner(loop, clock, periodNs));
  }

  private static RobotIo simulatedIo(RobotConfig config, long periodNs) throws AssemblyException {
    SimConfig sim = config.sim().orElseThrow();
    SimRun run;
    try {
      run = SimRun.create(sim);
    } catch (IllegalArgumentException e) {
      throw new AssemblyException(e.getMessage());
    }
    Plant plant = run.plant();
    double plantStepS = plant.spec().dtS();
    if (Math.abs(plantStepS - periodNs * 1e-9) > 1e-9) {
      throw new AssemblyException("loop.rate_hz: " + config.loop().rateHz() + " Hz does not match plant "
          + plant.spec().name() + ", which steps every " + plantStepS + " s; set loop.rate_hz: "
          + Math.round(1.0 / plantStepS));
    }
    return PlantIo.wire(run, config);
  }

  /** The config this robot was assembled from. */
  public RobotConfig config() {
    return loaded.config();
  }

  /** The config file and its hash. */
  public LoadedConfig loaded() {
    return loaded;
  }

  /** The loop's clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * The simulated run (seed, parameters as drawn, initial state) when the platform is sim; empty
   * on hardware.
   */
  public Optional<SimRun> simulation() {
    return io instanceof PlantIo p ? Optional.of(p.run()) : Optional.empty();
  }

  /** The robot's inputs and outputs. */
  public RobotIo io() {
    return io;
  }

  /** The controller in the plan phase. */
  public Controller controller() {
    return controller;
  }

  /** The safety supervisor, for arming and stops. */
  public SafetySupervisor safety() {
    return safety;
  }

  /** The control loop (one tick of work). */
  public ControlLoop loop() {
    return loop;
  }

  /** The control thread. */
  public LoopRunner runner() {
    return runner;
  }

  @Override
  public void close() {
    try {
      runner.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      io.safe();
      io.close();
    }
  }
}
