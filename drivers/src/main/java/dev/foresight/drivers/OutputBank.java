package dev.foresight.drivers;

/**
 * A chip whose outputs are actuators of their own, targeted as {@code <device>.<output>} (a
 * PCA9685's channels {@code motor_pwm.0}..{@code motor_pwm.15}).
 */
public interface OutputBank extends Output {

  /** The actuator of one output, named as the config's {@code outputs()} name it. */
  Actuator output(String name);
}
