package dev.foresight.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.foresight.drivers.registry.DeviceReport;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-tick driver paths allocate nothing once warm: reading every sensor of a rig with all
 * sensor types, and writing the motor. (The emulated chips and Pi4J adapters are on the same
 * thread, so this also covers them.)
 */
class AllocationTest {

  static final String ALL = """
      sim:
        plant: pendulum
        devices:
          pivot: {measures: {angle: theta}}
          imu: {measures: {gyro_z: theta_dot}}
          enc: {measures: {position: theta}}
          adc: {measures: {ain0: theta}}
          motor:
            drives: torque
            speed: theta_dot
            motor: {resistance_ohm: 2.2, torque_constant_nm_per_a: 0.0115, gear_ratio: 50, efficiency: 0.65}
      devices:
        - {name: pivot, type: as5600}
        - {name: motor_pwm, type: pca9685, output_enable_pin: 4}
        - {name: supply, type: ina219, address: 0x41}
        - {name: motor, type: hbridge, pwm: motor_pwm.0, in1_pin: 5, in2_pin: 6, standby_pin: 13, current_sensor: supply}
        - {name: imu, type: mpu6050}
        - {name: enc, type: quadrature_encoder, pin_a: 17, pin_b: 27, counts_per_rev: 2048}
        - {name: adc, type: ads1115}
        - {name: estop, type: gpio_input, pin: 22}
      state:
        - {name: theta, wrap: true, source: pivot.angle}
        - {name: theta_dot, source: pivot.angle, estimate: rate}
      action:
        - {name: voltage, unit: V, min: -12, max: 12, target: motor}
      controller: {type: swingup, torque: voltage}
      """;

  @Test
  void readingEverySensorAndWritingTheMotorAllocatesNothing() {
    try (Emulated robot = Emulated.of(ALL, Math.PI, 0.0)) {
      DeviceReport report = robot.devices.start(robot.nowNs);
      assertThat(report.requiredOk()).as(String.join("\n", report.lines())).isTrue();
      List<Sensor> sensors = robot.devices.sensors();
      assertThat(sensors).hasSize(6);
      Actuator motor = robot.devices.actuator("motor").orElseThrow();
      double[] values = new double[32];
      byte[] status = new byte[32];
      for (int i = 0; i < 10; i++) ticks(robot, sensors, motor, values, status, 5_000);   // warm up: JIT, escape analysis

      // C2 recompiling a caller can cost a few hundred bytes once while it settles (seen only with
      // C2, never in the interpreter or C1); steady state is a window with no allocation at all.
      long[] windows = new long[3];
      for (int w = 0; w < windows.length; w++) {
        windows[w] = ticks(robot, sensors, motor, values, status, 10_000);
        if (windows[w] == 0) break;
      }
      assertThat(windows).as("bytes allocated by 10,000-tick windows of reads and writes").contains(0L);
      for (int i = 0; i < 15; i++) assertThat(status[i]).as("channel %d", i).isNotEqualTo(Status.NO_RESPONSE);
    }
  }

  /** Runs {@code n} ticks and returns the bytes this thread allocated doing so. */
  private static long ticks(Emulated robot, List<Sensor> sensors, Actuator motor, double[] values, byte[] status, int n) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long calibrate = threads.getThreadAllocatedBytes(id);
    long overhead = threads.getThreadAllocatedBytes(id) - calibrate;
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < n; i++) tick(robot, sensors, motor, values, status, i);
    return threads.getThreadAllocatedBytes(id) - before - overhead;
  }

  private static void tick(Emulated robot, List<Sensor> sensors, Actuator motor, double[] values, byte[] status, int i) {
    robot.nowNs += 10_000_000L;
    int offset = 0;
    for (int s = 0; s < sensors.size(); s++) {
      Sensor sensor = sensors.get(s);
      sensor.read(robot.nowNs, values, status, offset);
      offset += sensor.channels().size();
    }
    motor.write(robot.nowNs, (i % 200) * 0.1 - 10.0);
    robot.hw.step();
  }
}
