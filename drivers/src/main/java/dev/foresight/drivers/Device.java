package dev.foresight.drivers;

/**
 * A chip or pin group from the robot config, driven through Pi4J. A device type is a small
 * family, as in Pi4J: its config record and {@code DeviceType} (in {@code config}), a driver
 * implementing {@link Sensor} or {@link Actuator} with its {@link DriverFactory}, and the Pi4J
 * provider it gets its I/O from (Linux I2C and gpiod on a Raspberry Pi, the simulator's emulated
 * chips otherwise).
 *
 * <p>Nothing a device does throws into the control loop: bus errors become status codes, and a
 * device that stopped answering is retried at a bounded rate and re-initialized when it comes
 * back.
 */
public interface Device extends AutoCloseable {

  /** The name from the config. */
  String name();

  /** The config {@code type}, e.g. {@code as5600}. */
  String type();

  /** Where it is wired, for reports: {@code i2c-1 0x36}, {@code GPIO 5/6, STBY 13, PWM motor_pwm.0}. */
  String location();

  /** Whether the robot cannot run without it. */
  boolean required();

  /**
   * Opens the device's I/O, checks its identity, configures it and takes one reading. Never
   * throws: the result says what was found. May take a few milliseconds (it is not tick code).
   */
  SelfTest start(long nowNs);

  /** Releases the device's Pi4J I/O (outputs are put in their safe state first). Idempotent. */
  @Override
  void close();
}
