package dev.foresight.drivers;

/** Device configs shared by the tests: the reference pendulum's chips on the emulation. */
public final class Rigs {

  private Rigs() {}

  /** AS5600 on the pivot, PCA9685 + TB6612 driving the gear motor, INA219 on the supply. */
  public static final String PENDULUM = """
      sim:
        plant: pendulum
        devices:
          pivot: {measures: {angle: theta}}
          motor:
            drives: torque
            speed: theta_dot
            motor: {resistance_ohm: 2.2, torque_constant_nm_per_a: 0.0115, gear_ratio: 50, efficiency: 0.65}
      devices:
        - {name: pivot, type: as5600}
        - {name: motor_pwm, type: pca9685, output_enable_pin: 4}
        - {name: supply, type: ina219, address: 0x41}
        - {name: motor, type: hbridge, pwm: motor_pwm.0, in1_pin: 5, in2_pin: 6, standby_pin: 13,
           supply_voltage_v: 12, deadband: 0.1, current_sensor: supply}
      state:
        - {name: theta, wrap: true, source: pivot.angle}
        - {name: theta_dot, source: pivot.angle, estimate: rate}
      action:
        - {name: voltage, unit: V, min: -12, max: 12, target: motor}
      controller: {type: swingup, torque: voltage}
      """;
}
