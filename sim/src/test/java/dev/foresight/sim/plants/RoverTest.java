package dev.foresight.sim.plants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Physical behaviour of the rover that the step-exact reference cannot show by itself. */
class RoverTest {

  private static double[] rest() {
    double[] s = new double[10];
    s[Rover.STATE_OF_CHARGE] = 1.0;
    return s;
  }

  private static double[] drive(Rover rover, double left, double right, int steps) {
    for (int i = 0; i < steps; i++) rover.step(new double[] {left, right});
    double[] obs = new double[16];
    rover.observation(obs);
    return obs;
  }

  @Test
  void reachesTheNoLoadSpeedTheMotorConstantsPredict() {
    Rover rover = new Rover();
    rover.reset(rest());
    double[] obs = drive(rover, 12, 12, 200);   // 4 s: many mechanical time constants
    double[] s = new double[10];
    rover.state(s);
    // Steady state per wheel: V = R i + k N w and N k i = b w + (rolling force share) r.
    double k = 0.0115 * 30;
    double batteryV = obs[12];
    double rollingTorque = 0.02 * 2.0 * 9.81 * 0.04 / 2;
    double w = (batteryV * k / 2.2 - rollingTorque) / (0.002 + k * k / 2.2);
    assertThat(obs[2]).isCloseTo(w, within(1e-6 * w));
    assertThat(s[Rover.SPEED]).isCloseTo(w * 0.04, within(1e-6));
    assertThat(obs[4]).isCloseTo(0.0, within(1e-3));          // no longer accelerating (the battery drains slowly)
    assertThat(obs[6]).isEqualTo(9.81);                       // the IMU feels gravity
  }

  @Test
  void batterySagsUnderLoad() {
    Rover rover = new Rover();
    rover.reset(rest());
    double[] obs = drive(rover, 12, 12, 1);   // starting: stall currents
    double current = obs[13];
    assertThat(current).isGreaterThan(5.0);
    assertThat(obs[12]).isCloseTo(12.6 - 0.1 * current, within(1e-3));
    assertThat(obs[14]).isLessThan(12.6);      // the motor gets less than the open-circuit voltage
  }

  @Test
  void turnsLeftWhenTheRightWheelIsFaster() {
    Rover rover = new Rover();
    rover.reset(rest());
    double[] obs = drive(rover, 4, 10, 50);
    double[] s = new double[10];
    rover.state(s);
    assertThat(s[Rover.YAW_RATE]).isPositive();
    assertThat(s[Rover.HEADING]).isPositive();
    assertThat(obs[9]).isEqualTo(s[Rover.YAW_RATE]);                  // gyro z
    assertThat(obs[5]).isCloseTo(s[Rover.SPEED] * s[Rover.YAW_RATE], within(1e-12));   // centripetal
    assertThat(s[Rover.Y]).isPositive();
    assertThat(s[Rover.WHEEL_ANGLE_RIGHT]).isGreaterThan(s[Rover.WHEEL_ANGLE_LEFT]);
  }

  @Test
  void frictionHoldsItStillUnderASmallCommand() {
    Rover rover = new Rover();
    rover.reset(rest());
    drive(rover, 0.04, 0.04, 20);
    double[] s = new double[10];
    rover.state(s);
    assertThat(s[Rover.SPEED]).isZero();
    assertThat(s[Rover.X]).isZero();
  }

  @Test
  void terminatesWhenTheBatteryIsFlat() {
    Rover rover = new Rover();
    double[] s = rest();
    s[Rover.STATE_OF_CHARGE] = 1e-6;
    rover.reset(s);
    drive(rover, 12, 12, 3);
    assertThat(rover.terminated()).isTrue();
  }
}
