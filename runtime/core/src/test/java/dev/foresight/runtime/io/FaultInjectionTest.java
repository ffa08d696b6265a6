package dev.foresight.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.LoadedConfig;
import dev.foresight.drivers.Status;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault injected in {@code sim.faults} reaches the runtime, at the {@link RobotIo} boundary
 * the loop and the safety supervisor read, as the sensor or actuator fault it should be: the
 * right status on the right channel, in the right window of simulated time, and back to ok after.
 */
class FaultInjectionTest {

  @TempDir Path dir;

  /** The reference pendulum with an IMU added, and the given faults from t = 1 s for 0.5 s. */
  LoadedConfig rig(String faults) throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml"))
        .replace("  - name: estop_button\n",
            "  - name: imu\n    type: mpu6050\n    calibrate_gyro: false\n  - name: estop_button\n")
        .replace("  supply: {voltage_v: 12.0, internal_resistance_ohm: 0.05}",
            "  supply: {voltage_v: 12.0, internal_resistance_ohm: 0.05}\n  faults:\n" + faults.indent(4).stripTrailing());
    return TestConfigs.write(dir, text);
  }

  /** Runs 40 ticks (2 s) as the loop would, holding the motor at {@code volts}. */
  static Trace run(LoadedConfig config, double volts) throws AssemblyException {
    try (Robot robot = Robot.assemble(config, new SteppedClock())) {
      EmulatedIo io = (EmulatedIo) robot.io();
      Trace trace = new Trace(io.rawNames().toArray(new String[0]), 40);
      double[] action = {volts};
      for (int t = 0; t < 40; t++) {
        long now = (t + 1) * 50_000_000L;
        io.sense(now, trace.raw[t], trace.status[t]);
        io.act(now, action);
        io.actionStatus(trace.actionStatus[t]);
        trace.supplyVolts[t] = io.hardware().supplyVoltage();
      }
      return trace;
    }
  }

  /** What the runtime saw, per tick. */
  static final class Trace {
    final String[] names;
    final double[][] raw;
    final byte[][] status;
    final byte[][] actionStatus;
    final double[] supplyVolts;

    Trace(String[] names, int ticks) {
      this.names = names;
      this.raw = new double[ticks][names.length];
      this.status = new byte[ticks][names.length];
      this.actionStatus = new byte[ticks][1];
      this.supplyVolts = new double[ticks];
    }

    int channel(String name) {
      for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
      throw new AssertionError("no channel " + name);
    }

    /** Ticks (0-based) where {@code channel}'s status matches. */
    IntPredicate status(String channel, byte code) {
      int c = channel(channel);
      return t -> status[t][c] == code;
    }

    /** Ticks whose sense happened inside [1.0, 1.5) s of simulated time: the first sense is at t = 0 s. */
    static boolean inWindow(int tick) {
      return tick >= 20 && tick < 30;
    }
  }

  static void assertOnlyInWindow(Trace trace, String channel, byte code) {
    for (int t = 0; t < 40; t++) {
      boolean faulty = trace.status(channel, code).test(t);
      assertThat(faulty).as("%s %s at tick %d", channel, Status.name(code), t).isEqualTo(Trace.inWindow(t));
    }
  }

  @Test
  void nackIsNoResponseWithNaN() throws Exception {
    Trace trace = run(rig("- {device: pivot, kind: nack, start_s: 1.0, duration_s: 0.5}"), 0.0);
    int pivot = trace.channel("pivot.angle");
    for (int t = 20; t < 30; t++) assertThat(trace.status[t][pivot]).isEqualTo(Status.NO_RESPONSE);
    assertThat(trace.raw[25][pivot]).isNaN();
    // Back within the driver's retry period (250 ms) after the window.
    assertThat(trace.status[35][pivot]).isEqualTo(Status.OK);
    assertThat(trace.status[19][pivot]).isEqualTo(Status.OK);
  }

  @Test
  void timeoutIsNoResponseAndTheDriverBacksOff() throws Exception {
    Trace trace = run(rig("- {device: imu, kind: timeout, start_s: 1.0, duration_s: 0.5}"), 0.0);
    for (int t = 20; t < 30; t++) assertThat(trace.status[t][trace.channel("imu.gyro_z")]).isEqualTo(Status.NO_RESPONSE);
    assertThat(trace.status[36][trace.channel("imu.gyro_z")]).isEqualTo(Status.OK);
  }

  @Test
  void nanIsInvalidWithNaNOnTheChannelsTheChipFlags() throws Exception {
    Trace trace = run(rig("""
        - {device: pivot, kind: nan, start_s: 1.0, duration_s: 0.5}
        - {device: supply, kind: nan, start_s: 1.0, duration_s: 0.5}
        - {device: imu, kind: nan, start_s: 1.0, duration_s: 0.5}
        """), 0.0);
    assertOnlyInWindow(trace, "pivot.angle", Status.INVALID);
    assertOnlyInWindow(trace, "supply.current", Status.INVALID);
    assertOnlyInWindow(trace, "imu.accel_z", Status.INVALID);
    assertThat(trace.raw[22][trace.channel("imu.gyro_x")]).isNaN();
    assertThat(trace.status[22][trace.channel("supply.bus_voltage")]).as("the bus voltage is still measured")
        .isEqualTo(Status.OK);
  }

  @Test
  void magnetFaultsAreInvalid() throws Exception {
    for (String kind : new String[] {"magnet_missing", "magnet_weak", "magnet_strong"}) {
      Trace trace = run(rig("- {device: pivot, kind: " + kind + ", start_s: 1.0, duration_s: 0.5}"), 0.0);
      assertOnlyInWindow(trace, "pivot.angle", Status.INVALID);
    }
  }

  @Test
  void stuckImuGoesStaleAndAStuckAngleHoldsWhileThePendulumMoves() throws Exception {
    Trace trace = run(rig("""
        - {device: imu, kind: stuck, start_s: 1.0, duration_s: 0.5}
        - {device: pivot, kind: stuck, start_s: 1.0, duration_s: 0.5}
        """), 6.0);
    int gyro = trace.channel("imu.gyro_z");
    assertThat(trace.status[19][gyro]).isEqualTo(Status.OK);
    // Five identical bursts: stale from the fourth read inside the window on.
    for (int t = 24; t < 30; t++) assertThat(trace.status[t][gyro]).as("tick %d", t).isEqualTo(Status.STALE);
    assertThat(trace.status[31][gyro]).isEqualTo(Status.OK);
    int pivot = trace.channel("pivot.angle");
    for (int t = 21; t < 30; t++) assertThat(trace.raw[t][pivot]).isEqualTo(trace.raw[20][pivot]);
    assertThat(trace.raw[31][pivot]).isNotEqualTo(trace.raw[20][pivot]);
  }

  @Test
  void disconnectedMotorIsAnActuatorFault() throws Exception {
    Trace trace = run(rig("- {device: motor, kind: motor_disconnected, start_s: 1.0, duration_s: 0.5}"), 12.0);
    for (int t = 0; t < 20; t++) assertThat(trace.actionStatus[t][0]).as("tick %d", t).isEqualTo(Status.OK);
    int first = -1;
    for (int t = 20; t < 30 && first < 0; t++) if (trace.actionStatus[t][0] == Status.INVALID) first = t;
    assertThat(first).as("open load reported within 6 ticks of the disconnection").isBetween(24, 26);
    assertThat(trace.raw[25][trace.channel("supply.current")]).isCloseTo(0.0, within(0.01));
    assertThat(trace.actionStatus[36][0]).isEqualTo(Status.OK);
  }

  @Test
  void brownoutSagsTheSupplyAndTheResetPwmChipIsAnActuatorFaultOnce() throws Exception {
    Trace trace = run(rig("- {kind: brownout, start_s: 1.0, duration_s: 0.5, voltage_v: 6.0}"), 6.0);
    assertThat(trace.supplyVolts[25]).isLessThan(6.0);
    int bus = trace.channel("supply.bus_voltage");
    assertThat(trace.raw[25][bus]).isBetween(5.0, 6.0);
    assertThat(trace.raw[35][bus]).isGreaterThan(11.0);
    long faults = 0;
    for (int t = 0; t < 40; t++) if (trace.actionStatus[t][0] != Status.OK) faults++;
    assertThat(faults).as("the reset found once, then the chip is set up again").isEqualTo(1);
    assertThat(trace.actionStatus[20][0]).isEqualTo(Status.INVALID);
  }

  @Test
  void activeFaultPressesTheEstopButton() throws Exception {
    Trace trace = run(rig("- {device: estop_button, kind: active, start_s: 1.0, duration_s: 0.5}"), 0.0);
    int active = trace.channel("estop_button.active");
    for (int t = 0; t < 40; t++) assertThat(trace.raw[t][active]).as("tick %d", t).isEqualTo(Trace.inWindow(t) ? 1.0 : 0.0);
  }

  @Test
  void dropoutsAreOccasionalNoResponsesTheSameEveryRunForASeed() throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml"))
        .replace("pivot: {measures: {angle: theta}}", "pivot: {measures: {angle: theta}, dropout: 0.2}");
    LoadedConfig config = TestConfigs.write(dir, text);
    Trace a = run(config, 0.0);
    Trace b = run(config, 0.0);
    int pivot = a.channel("pivot.angle");
    int dropped = 0;
    for (int t = 0; t < 40; t++) {
      assertThat(a.status[t][pivot]).isEqualTo(b.status[t][pivot]);
      if (a.status[t][pivot] == Status.NO_RESPONSE) dropped++;
    }
    assertThat(dropped).isBetween(3, 16);
  }

  @Test
  void biasAndNoiseShowInTheReadings() throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml"))
        .replace("pivot: {measures: {angle: theta}}", "pivot: {measures: {angle: theta}, bias: {angle: 0.1}, noise: {angle: 0.0}}");
    Trace trace = run(TestConfigs.write(dir, text), 0.0);
    assertThat(trace.raw[0][trace.channel("pivot.angle")]).isCloseTo(-Math.PI + 0.1 + (Math.PI - 3.14159), within(0.002));
  }
}
