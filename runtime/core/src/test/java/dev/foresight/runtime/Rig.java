package dev.foresight.runtime;

import dev.foresight.config.LoadedConfig;
import dev.foresight.models.control.Controller;
import dev.foresight.models.control.Controllers;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.io.TestIo;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A test robot on a stepped clock and a {@link TestIo}: channels {@code pivot.angle} and
 * {@code estop_button.active}, state theta (range -3..3) and theta_dot (rate, -30..30), one action
 * {@code voltage} (-12..12, safe 0), and a PID {@code u = 2 (1 - theta)}, so with theta = 0 the
 * controller asks for 2 V. Ticks are stepped by hand, one period each.
 */
public final class Rig implements AutoCloseable {

  /** The test robot at 100 Hz; {@code safety} is YAML lines indented for the safety section. */
  public static String yaml(String safety) {
    return """
        robot: {id: test-bot}
        loop: {rate_hz: 100}
        hardware: {platform: raspberrypi}
        devices:
          - {name: pivot, type: as5600, address: 0x36}
          - {name: motor_pwm, type: pca9685, address: 0x40}
          - {name: motor, type: hbridge, pwm: motor_pwm.0, in1_pin: 5, in2_pin: 6}
          - {name: estop_button, type: gpio_input, pin: 17}
        state:
          - {name: theta, unit: rad, min: -3.0, max: 3.0, source: pivot.angle}
          - {name: theta_dot, unit: rad/s, min: -30.0, max: 30.0, source: pivot.angle, estimate: rate}
        action:
          - {name: voltage, unit: V, min: -12.0, max: 12.0, safe: 0.0, target: motor}
        controller: {type: pid, loops: [{action: voltage, state: theta, target: 1.0, kp: 2.0}]}
        safety:
          estop_input: estop_button
        """ + safety;
  }

  public final Robot robot;
  public final TestIo io;
  public final SteppedClock clock;
  public final long periodNs;
  private final TickFrame view;
  private final EventLog.Subscription events;
  private long nextNs;

  private Rig(Robot robot, TestIo io, SteppedClock clock) {
    this.robot = robot;
    this.io = io;
    this.clock = clock;
    this.periodNs = robot.loop().periodNs();
    this.view = robot.loop().newFrame();
    this.events = robot.events().subscribe();
  }

  /** A rig with the configured controller. */
  public static Rig of(Path dir, String safety) throws AssemblyException {
    return of(dir, safety, null);
  }

  /** A rig with the given controller or planner (null: the configured PID). */
  public static Rig of(Path dir, String safety, Controller controller) throws AssemblyException {
    return ofYaml(dir, yaml(safety), controller);
  }

  /** A rig from a whole config (the test robot's {@link #yaml} with changes), with the given controller or null. */
  public static Rig ofYaml(Path dir, String yaml, Controller controller) throws AssemblyException {
    LoadedConfig loaded = TestConfigs.write(dir, yaml);
    SteppedClock clock = new SteppedClock(1_700_000_000_000L);
    TestIo io = new TestIo(List.of("pivot.angle", "estop_button.active"), 1);
    io.clock = clock;
    Controller c = controller != null ? controller
        : Controllers.create(loaded.config(), loaded.config().loop().periodNs() * 1e-9);
    return new Rig(Robot.assemble(loaded, clock, io, c), io, clock);
  }

  /** One tick, one period after the previous (or now, if a phase took the clock past that). */
  public TickFrame tick() {
    nextNs += periodNs;
    if (clock.nanoTime() < nextNs) clock.advance(nextNs - clock.nanoTime());
    robot.loop().doWork(clock.nanoTime(), nextNs);
    robot.loop().snapshot().read(view);
    return view;
  }

  /** {@code n} ticks; returns the last. */
  public TickFrame ticks(int n) {
    for (int i = 0; i < n; i++) tick();
    return view;
  }

  /** Ticks until {@code condition} holds (checked after each tick); returns how many it took, or -1. */
  public int ticksUntil(BooleanSupplier condition, int max) {
    for (int i = 1; i <= max; i++) {
      tick();
      if (condition.getAsBoolean()) return i;
    }
    return -1;
  }

  /** The latest tick. */
  public TickFrame last() {
    return view;
  }

  /** The supervisor's mode. */
  public Mode mode() {
    return robot.safety().mode();
  }

  /** Arms, asserting it worked. */
  public Rig armed() {
    if (!robot.safety().arm("test")) throw new AssertionError("arm refused: " + newEvents());
    return this;
  }

  /** Events since the previous call. */
  public List<Event> newEvents() {
    List<Event> out = new ArrayList<>();
    events.poll(out::add, Integer.MAX_VALUE);
    return out;
  }

  /** Kinds of the events since the previous call. */
  public List<EventKind> newEventKinds() {
    return newEvents().stream().map(Event::kind).toList();
  }

  @Override
  public void close() {
    robot.close();
  }
}
