package dev.foresight.sim.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.ConfigLoader;
import dev.foresight.config.RobotConfig;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimHardwareTest {

  static RobotConfig config(String sim, String devices) throws Exception {
    return ConfigLoader.parse("""
        robot: {id: t}
        loop: {rate_hz: 20}
        sim:
        %s
        devices:
        %s
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """.formatted(sim.indent(2).stripTrailing(), devices.indent(2).stripTrailing()), Path.of("t.yaml"));
  }

  static SimHardware hardware(RobotConfig config, double... state) {
    Plant plant = Plants.create(config.sim().orElseThrow().plant());
    plant.reset(state);
    return SimHardware.create(config, plant, null);
  }

  static final String PIVOT = "- {name: pivot, type: as5600}";

  @Test
  void sameSeedSameNoiseAndFaultsDifferentSeedDifferentNoise() throws Exception {
    String sim = """
        plant: pendulum
        seed: 7
        devices: {pivot: {measures: {angle: theta}, noise: {angle: 0.01}}}
        """;
    int[] a = rawAngles(hardware(config(sim, PIVOT), 1.0, 0.5));
    int[] b = rawAngles(hardware(config(sim, PIVOT), 1.0, 0.5));
    int[] c = rawAngles(hardware(config(sim.replace("seed: 7", "seed: 8"), PIVOT), 1.0, 0.5));
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  private static int[] rawAngles(SimHardware hw) {
    int[] out = new int[50];
    byte[] buf = new byte[2];
    EmulatedI2cBus bus = hw.bus(1).orElseThrow();
    for (int i = 0; i < out.length; i++) {
      hw.step();
      bus.readRegister(0x36, 0x0C, buf, 0, 2);
      out[i] = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
    }
    return out;
  }

  @Test
  void faultsFollowTheirWindowInSimulatedTime() throws Exception {
    SimHardware hw = hardware(config("""
        plant: pendulum
        faults: [{device: pivot, kind: nack, start_s: 0.5, duration_s: 0.25}]
        """, PIVOT), 0.0, 0.0);
    EmulatedI2cBus bus = hw.bus(1).orElseThrow();
    boolean[] answered = new boolean[30];
    for (int i = 0; i < answered.length; i++) {
      answered[i] = bus.present().length == 1;
      hw.step();
    }
    // Steps of 50 ms: absent from t = 0.5 s (step 10) until t = 0.75 s (step 15).
    for (int i = 0; i < answered.length; i++) assertThat(answered[i]).as("step %d", i).isEqualTo(i < 10 || i >= 15);
    assertThat(hw.description()).contains("fault nack on pivot from 0.5 s for 0.25 s");
    assertThat(hw.description().getFirst()).startsWith("seed 1, supply 12.00 V");
  }

  @Test
  void aBrownoutSagsTheSupplyAndResetsTheChips() throws Exception {
    SimHardware hw = hardware(config("""
        plant: pendulum
        faults: [{kind: brownout, start_s: 0.1, duration_s: 0.1, voltage_v: 6.0}]
        """, """
        - {name: motor_pwm, type: pca9685}
        - {name: supply, type: ina219, address: 0x41}
        """), 0.0, 0.0);
    Pca9685Chip pwm = (Pca9685Chip) hw.chip("motor_pwm").orElseThrow();
    pwm.poke(0x00, 0x21);
    hw.step();
    assertThat(hw.supplyVoltage()).isEqualTo(12.0);
    hw.step();
    assertThat(hw.supplyVoltage()).isEqualTo(6.0);
    assertThat(pwm.register(0x00)).as("MODE1 back to its power-on value").isEqualTo(0x11);
    hw.step();
    hw.step();
    assertThat(hw.supplyVoltage()).isEqualTo(12.0);
  }

  @Test
  void aBindingToAVariableThePlantLacksNamesTheKeyAndTheChoices() throws Exception {
    RobotConfig config = config("""
        plant: pendulum
        devices: {pivot: {measures: {angle: thetta}}}
        """, PIVOT);
    assertThatThrownBy(() -> hardware(config, 0.0, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sim.devices.pivot.measures.angle: plant pendulum has no variable 'thetta' "
            + "(it has theta, theta_dot, cos_theta, sin_theta)");
  }

  @Test
  void aBridgeOnATorqueActionNeedsAMotorAndItsSpeed() throws Exception {
    String devices = """
        - {name: motor_pwm, type: pca9685}
        - {name: motor, type: hbridge, pwm: motor_pwm.0, in1_pin: 5, in2_pin: 6}
        """;
    assertThatThrownBy(() -> hardware(config("""
        plant: pendulum
        devices: {motor: {drives: torque}}
        """, devices), 0.0, 0.0)).hasMessageStartingWith("sim.devices.motor.motor: plant action 'torque' is a torque");
    assertThatThrownBy(() -> hardware(config("""
        plant: pendulum
        devices: {motor: {drives: torque, motor: {resistance_ohm: 2.2, torque_constant_nm_per_a: 0.01}}}
        """, devices), 0.0, 0.0)).hasMessageStartingWith("sim.devices.motor.speed: the motor model needs the output speed");
    assertThatThrownBy(() -> hardware(config("""
        plant: pendulum
        devices: {motor: {drives: force}}
        """, devices), 0.0, 0.0)).hasMessage("sim.devices.motor.drives: plant pendulum has no action 'force' (it has torque)");
  }

  @Test
  void theMotorLagsByItsLatency() throws Exception {
    SimHardware hw = hardware(config("""
        plant: pendulum
        devices:
          motor:
            drives: torque
            speed: theta_dot
            latency_ticks: 2
            motor: {resistance_ohm: 2.2, torque_constant_nm_per_a: 0.0115, gear_ratio: 50, efficiency: 0.65}
        """, """
        - {name: motor_pwm, type: pca9685}
        - {name: motor, type: hbridge, pwm: motor_pwm.0, in1_pin: 5, in2_pin: 6}
        """), Math.PI, 0.0);
    Pca9685Chip pwm = (Pca9685Chip) hw.chip("motor_pwm").orElseThrow();
    pwm.poke(0x00, 0x01);                 // awake
    pwm.poke(0x07, 0x10);                 // LED0 full on
    pwm.poke(0x09, 0x00);
    hw.gpio().write(5, true);             // forward
    double[] s = new double[2];
    for (int i = 0; i < 2; i++) {
      hw.step();
      hw.plant().state(s);
      assertThat(s[1]).as("step %d: the command has not arrived", i).isCloseTo(0.0, within(1e-12));
    }
    hw.step();
    hw.plant().state(s);
    assertThat(s[1]).isCloseTo(0.3, within(1e-9));
  }
}
