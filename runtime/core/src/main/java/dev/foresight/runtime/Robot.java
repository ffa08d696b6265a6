package dev.foresight.runtime;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.Platform;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.SimConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Controllers;
import dev.foresight.models.plan.CorrectedRollouts;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.runtime.estimate.Estimator;
import dev.foresight.runtime.events.Alerts;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.events.EventPump;
import dev.foresight.runtime.io.DeviceIoAssembly;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.io.RobotIo;
import dev.foresight.runtime.io.Simulation;
import dev.foresight.runtime.lifecycle.ShutdownSequence;
import dev.foresight.runtime.lifecycle.ShutdownSequence.Stage;
import dev.foresight.runtime.loop.ControlLoop;
import dev.foresight.runtime.loop.LoopRunner;
import dev.foresight.runtime.plan.PlanStage;
import dev.foresight.runtime.plan.PlannerAssembly;
import dev.foresight.runtime.safety.SafetySupervisor;
import dev.foresight.runtime.safety.Watchdog;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.PacedClock;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.runtime.time.SystemClock;
import dev.foresight.runtime.time.ThreadScheduling;
import dev.foresight.runtime.trust.TrustAssembly;
import dev.foresight.runtime.trust.TrustStage;
import dev.foresight.sim.SimRun;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The composition root: one robot assembled from its config, with every part wired and nothing
 * started. {@link #start} starts the threads (event pump, planner, control loop, watchdog);
 * {@link #close()} runs the {@link #shutdown()} sequence: outputs safe, threads stopped, recordings
 * flushed, operators told, resources released.
 *
 * <pre>{@code
 * try (Robot robot = Robot.assemble(ConfigLoader.load(path))) {
 *   if (robot.config().safety().armOnStart()) robot.safety().arm("config");
 *   robot.start(Duration.ofSeconds(10).toNanos());
 *   robot.runner().awaitStop(Long.MAX_VALUE);
 * }
 * }</pre>
 */
public final class Robot implements AutoCloseable {

  /** How long the shutdown stages after "outputs safe" may take altogether. */
  static final long SHUTDOWN_BUDGET_MS = 5_000;

  private final LoadedConfig loaded;
  private final Clock clock;
  private final RobotIo io;
  private final Simulation simulation;
  private final EventLog events;
  private final Alerts alerts;
  private final EventPump eventPump;
  private final SafetySupervisor safety;
  private final ControlLoop loop;
  private final LoopRunner runner;
  private final Watchdog watchdog;
  private final ShutdownSequence shutdown;

  private Robot(LoadedConfig loaded, Clock clock, RobotIo io, Simulation simulation, EventLog events, Alerts alerts,
      EventPump eventPump, SafetySupervisor safety, ControlLoop loop, LoopRunner runner, Watchdog watchdog,
      ShutdownSequence shutdown) {
    this.loaded = loaded;
    this.clock = clock;
    this.io = io;
    this.simulation = simulation;
    this.events = events;
    this.alerts = alerts;
    this.eventPump = eventPump;
    this.safety = safety;
    this.loop = loop;
    this.runner = runner;
    this.watchdog = watchdog;
    this.shutdown = shutdown;
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

  /** Assembles a robot on the given clock, with the I/O its platform implies. */
  public static Robot assemble(LoadedConfig loaded, Clock clock) throws AssemblyException {
    return assemble(loaded, clock, io(loaded, clock));
  }

  /**
   * Assembles a robot on the given clock, with the I/O its platform implies and the given controller
   * (which the robot does not close: {@code sim collect} runs one planner through many episodes).
   */
  public static Robot assembleWith(LoadedConfig loaded, Clock clock, Controller controller) throws AssemblyException {
    return assemble(loaded, clock, io(loaded, clock), controller, false);
  }

  private static RobotIo io(LoadedConfig loaded, Clock clock) throws AssemblyException {
    RobotConfig config = loaded.config();
    long periodNs = config.loop().periodNs();
    // Devices go through their drivers (emulated chips in simulation); without devices, the
    // simulator's perfect sensors and actuators.
    boolean devices = !config.devices().isEmpty();
    return switch (config.hardware().platform()) {
      case SIM -> devices ? DeviceIoAssembly.emulated(config, clock, periodNs) : simulatedIo(config, periodNs);
      case RASPBERRYPI -> {
        if (!devices) {
          throw new AssemblyException("devices: hardware.platform: raspberrypi needs the devices the robot is "
              + "wired with; declare them under devices (see docs/hardware.md)");
        }
        yield DeviceIoAssembly.hardware(config, clock);
      }
    };
  }

  /**
   * Assembles a robot on the given clock and I/O, with the configured controller or planner (a
   * planner's world model is loaded here: an ONNX file, or the simulator's plant as ground truth).
   */
  public static Robot assemble(LoadedConfig loaded, Clock clock, RobotIo io) throws AssemblyException {
    Controller controller;
    try {
      controller = PlannerAssembly.controller(loaded, clock::nanoTime);
    } catch (AssemblyException | RuntimeException e) {
      io.close();
      throw e;
    }
    return assemble(loaded, clock, io, controller);
  }

  /**
   * Assembles a robot from given parts: the composition every other {@code assemble} ends in (tests
   * and benchmarks pass their own I/O or planner here).
   *
   * @param loaded     the config
   * @param clock      the loop clock
   * @param io         the robot's inputs and outputs (owned by the robot from here: closed with it)
   * @param controller the controller or planner of the plan phase
   */
  public static Robot assemble(LoadedConfig loaded, Clock clock, RobotIo io, Controller controller)
      throws AssemblyException {
    return assemble(loaded, clock, io, controller, true);
  }

  private static Robot assemble(LoadedConfig loaded, Clock clock, RobotIo io, Controller controller,
      boolean ownsController) throws AssemblyException {
    RobotConfig config = loaded.config();
    long periodNs = config.loop().periodNs();
    EventLog events = new EventLog(EventLog.DEFAULT_CAPACITY, clock.epochMillis() - clock.nanoTime() / 1_000_000L);
    Alerts alerts = new Alerts();
    SafetySupervisor safety;
    try {
      safety = new SafetySupervisor(config, io.rawNames(), periodNs, Controllers.fallback(config, periodNs * 1e-9),
          clock, events, io::safe, io::safe);
    } catch (IllegalArgumentException e) {
      io.close();
      throw new AssemblyException(e.getMessage());
    }
    TrustStage trust;
    try {
      trust = TrustAssembly.stage(loaded, clock, events);
      followCorrections(trust, controller);
    } catch (AssemblyException e) {
      io.close();
      throw e;
    }
    PlanStage plan = PlanStage.create(controller, config.loop(), clock, config.state().size(), safety.safeValues());
    Estimator estimator = new Estimator(config, io.rawNames());
    // The simulator's cost reaches the loop through its own tap, not through the hardware interface.
    Simulation simulation = io instanceof Simulation s ? s : null;
    DoubleSupplier plantCost = simulation != null ? simulation::lastCost : () -> Double.NaN;
    ControlLoop loop = new ControlLoop(io, plantCost, estimator, plan, trust, safety, clock, events,
        config.loop().rateHz(), config.state().size());
    int priority = config.loop().realtimePriority();
    if (priority > 0 || config.loop().cpu() >= 0) ThreadScheduling.prepare();
    LoopRunner runner = new LoopRunner(loop, clock, periodNs, events, priority, config.loop().cpu());
    Watchdog watchdog = new Watchdog(safety, clock, config.safety().watchdogTimeoutNs(periodNs),
        config.safety().watchdogMissedDeadlines(periodNs), loop::lastTickNs, runner::missedInARow, runner::supervised,
        priority > 0 ? priority + 1 : 0);
    EventPump pump = new EventPump(events, alerts);

    ShutdownSequence shutdown = new ShutdownSequence(SHUTDOWN_BUDGET_MS);
    shutdown.register(Stage.OUTPUTS_SAFE, "safety supervisor: safe stop, outputs safe", safety::shutdown);
    shutdown.register(Stage.STOP_LOOP, "watchdog", reason -> watchdog.close());
    shutdown.register(Stage.STOP_LOOP, "control loop", reason -> runner.stop());
    shutdown.register(Stage.STOP_LOOP, "planner", reason -> plan.close());
    shutdown.register(Stage.STOP_LOOP, "outputs safe after the last tick", reason -> io.safe());
    shutdown.register(Stage.RELEASE, "event pump", reason -> pump.close());   // logs the last events if started
    shutdown.register(Stage.RELEASE, "planner sessions", reason -> {
      // Native model sessions go after the planner thread stopped (STOP_LOOP) and before the I/O.
      if (ownsController && controller instanceof AutoCloseable sessions) {
        try {
          sessions.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing the planner failed: " + e, e);
        }
      }
    });
    shutdown.register(Stage.RELEASE, "prediction model", reason -> trust.close());
    shutdown.register(Stage.RELEASE, "robot i/o", reason -> io.close());
    return new Robot(loaded, clock, io, simulation, events, alerts, pump, safety, loop, runner, watchdog, shutdown);
  }

  /** With adaptation on, the planner plans with the correction in force (it was built for it: {@code Planners}). */
  private static void followCorrections(TrustStage trust, Controller controller) throws AssemblyException {
    if (trust.adaptation().isEmpty()) return;
    if (controller instanceof SamplingPlanner planner && planner.rollouts() instanceof CorrectedRollouts rollouts) {
      rollouts.follow(trust.adaptation().get().published());
      return;
    }
    trust.close();
    throw new AssemblyException("trust.adaptation.enabled: the planner (" + controller.name() + ") was built without "
        + "trust.adaptation, so it cannot plan with a correction; build it from the same config");
  }

  private static RobotIo simulatedIo(RobotConfig config, long periodNs) throws AssemblyException {
    return PlantIo.wire(SimPlants.create(config, periodNs), config);
  }

  /**
   * Starts the robot's threads: event pump, planner (asynchronous planning), control loop, and the
   * watchdog. The loop runs until {@link #close()}, {@code runner().stop()}, or {@code durationNs}
   * of clock time.
   */
  public void start(long durationNs) {
    eventPump.start();
    loop.plan().start();
    loop.trust().start();
    runner.start(durationNs);
    watchdog.start();
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
    return Optional.ofNullable(simulation).map(Simulation::run);
  }

  /** The robot's inputs and outputs. */
  public RobotIo io() {
    return io;
  }

  /** The controller or planner in the plan phase. */
  public Controller controller() {
    return loop.plan().controller();
  }

  /** The safety supervisor, for arming and stops. */
  public SafetySupervisor safety() {
    return safety;
  }

  /** Safety events: subscribe to follow every transition. */
  public EventLog events() {
    return events;
  }

  /** Persistent alerts (kept by the event pump once started; {@link #drainEvents()} updates them by hand). */
  public Alerts alerts() {
    return alerts;
  }

  /** Logs pending events and updates the alerts now (tests, and commands that print alerts). */
  public void drainEvents() {
    eventPump.drain();
  }

  /** The control loop (one tick of work), its snapshot, taps and metrics. */
  public ControlLoop loop() {
    return loop;
  }

  /** The control thread. */
  public LoopRunner runner() {
    return runner;
  }

  /** The loop watchdog. */
  public Watchdog watchdog() {
    return watchdog;
  }

  /** The shutdown sequence; register recording flushes and telemetry goodbyes here. */
  public ShutdownSequence shutdown() {
    return shutdown;
  }

  /** Runs the shutdown sequence (idempotent). */
  @Override
  public void close() {
    shutdown.run("end of run");
  }
}
