package dev.foresight.models.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.DcMotorConfig;
import org.junit.jupiter.api.Test;

class MotorVoltageTest {

  static final DcMotorConfig MOTOR = new DcMotorConfig(2.2, 0.0115, 50.0, 0.65, 0.0);

  static Controller constantTorque(double torque) {
    return new Controller() {
      @Override
      public void compute(double[] state, double[] action) {
        action[0] = torque;
      }

      @Override
      public String name() {
        return "constant";
      }
    };
  }

  @Test
  void voltageGivesTheTorqueBackThroughTheMotorModelIncludingBackEmf() {
    MotorVoltage c = new MotorVoltage(constantTorque(1.0), 0, 1, MOTOR, -12, 12);
    double[] action = new double[1];
    c.compute(new double[] {0.0, 4.0}, action);
    double current = MOTOR.currentA(action[0], 4.0);
    assertThat(MOTOR.torqueNm(current)).isCloseTo(1.0, within(1e-12));
    assertThat(action[0]).as("more than at rest: back-EMF at 4 rad/s").isGreaterThan(1.0 * 2.2 / (0.65 * 50 * 0.0115));
  }

  @Test
  void clipsToTheVoltageLimits() {
    MotorVoltage c = new MotorVoltage(constantTorque(5.0), 0, 1, MOTOR, -12, 12);
    double[] action = new double[1];
    c.compute(new double[] {0.0, 0.0}, action);
    assertThat(action[0]).isEqualTo(12.0);
    assertThat(MOTOR.stallTorqueNm(12.0)).isCloseTo(2.0386, within(1e-4));
  }
}
