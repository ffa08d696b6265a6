package dev.foresight.runtime.bench;

import dev.foresight.config.Angles;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.io.RobotIo;
import java.util.List;

/**
 * Simulated devices for the loop benchmark, at the level the loop sees them: a 12-bit magnetic
 * encoder (AS5600, 4096 counts per turn) on the pivot of an arm driven by a DC motor through an
 * H-bridge, an INA219 current and bus-voltage monitor, and an e-stop button that is never pressed.
 * The arm is a damped pendulum with {@code J th'' = kt (V - ke th') / R - b th' - m g l sin th}
 * stepped once per tick (semi-implicit Euler at the loop period). Allocation-free.
 */
public final class BenchIo implements RobotIo {

  private static final double COUNTS = 4096;
  private static final double INERTIA = 0.01;
  private static final double DAMPING = 0.02;
  private static final double GRAVITY_TORQUE = 0.2;
  private static final double KT = 0.1;
  private static final double RESISTANCE = 2.0;
  private static final double SUPPLY_V = 12.0;

  private static final List<String> NAMES =
      List.of("pivot.angle", "supply.bus_voltage", "supply.current", "estop_button.active");

  private final double dtS;
  private double angle = 0.2;
  private double rate;
  private volatile double voltage;
  private volatile long safeCalls;

  /** Devices stepped at the given loop period. */
  public BenchIo(long periodNs) {
    this.dtS = periodNs * 1e-9;
  }

  @Override
  public List<String> rawNames() {
    return NAMES;
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] status) {
    double turn = angle / (2 * Math.PI) - Math.floor(angle / (2 * Math.PI));
    raw[0] = Math.floor(turn * COUNTS) * (2 * Math.PI / COUNTS);
    raw[1] = SUPPLY_V - 0.05 * Math.abs(current());
    raw[2] = Math.round(current() * 1000) / 1000.0;
    raw[3] = 0.0;
    for (int i = 0; i < 4; i++) status[i] = Status.OK;
  }

  private double current() {
    return (voltage - KT * rate) / RESISTANCE;
  }

  @Override
  public void act(long nowNs, double[] action) {
    voltage = action[0];
    double torque = KT * current() - DAMPING * rate - GRAVITY_TORQUE * Math.sin(angle);
    rate += torque / INERTIA * dtS;
    angle = Angles.wrap(angle + rate * dtS);
  }

  @Override
  public void safe() {
    voltage = 0.0;
    safeCalls++;
  }

  /** Times {@link #safe()} was called. */
  public long safeCalls() {
    return safeCalls;
  }

  /** The arm's angle, rad. */
  public double angle() {
    return angle;
  }

  @Override
  public void close() {
    safe();
  }
}
