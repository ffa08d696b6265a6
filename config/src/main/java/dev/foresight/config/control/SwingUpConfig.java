package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.DcMotorConfig;
import java.util.Optional;

/**
 * Energy-shaping swing-up with an LQR balance controller near upright, for a pendulum driven by a
 * torque at its pivot. Needs no world model: it uses the rigid-body parameters given here. The
 * pendulum is a uniform rod (inertia m l^2 / 3) with angle 0 upright, as in Gymnasium Pendulum-v1.
 *
 * @param angle        state variable holding the angle (rad, 0 upright, wrapped)
 * @param rate         state variable holding the angular velocity (rad/s)
 * @param torque       action variable holding the pivot torque (N m)
 * @param massKg       rod mass
 * @param lengthM      rod length
 * @param gravity      gravitational acceleration (m/s^2)
 * @param energyGain   gain of the energy pump, in torque per (J rad/s)
 * @param catchAngleRad balance (LQR) takes over within this angle of upright
 * @param qAngle       LQR weight on angle error
 * @param qRate        LQR weight on angular velocity
 * @param rTorque      LQR weight on torque
 * @param motor        when given, the action named by {@code torque} is the voltage of this DC
 *                     motor driving the pivot: the controller's torque is turned into volts,
 *                     back-EMF included
 */
@JsonTypeName("swingup")
public record SwingUpConfig(
    @JsonPropertyDescription("State variable with the angle, rad, 0 upright") String angle,
    @JsonPropertyDescription("State variable with the angular velocity, rad/s") String rate,
    @JsonPropertyDescription("Action variable with the pivot torque, N m") String torque,
    @JsonPropertyDescription("Rod mass, kg") Double massKg,
    @JsonPropertyDescription("Rod length, m") Double lengthM,
    @JsonPropertyDescription("Gravitational acceleration, m/s^2") Double gravity,
    @JsonPropertyDescription("Energy pump gain") Double energyGain,
    @JsonPropertyDescription("Balance (LQR) takes over within this angle of upright, rad") Double catchAngleRad,
    @JsonPropertyDescription("LQR weight on angle error") Double qAngle,
    @JsonPropertyDescription("LQR weight on angular velocity") Double qRate,
    @JsonPropertyDescription("LQR weight on torque") Double rTorque,
    @JsonPropertyDescription("DC motor driving the pivot; when given, the action is its voltage")
        Optional<DcMotorConfig> motor) implements ControllerConfig {

  public SwingUpConfig {
    angle = angle != null ? angle : "theta";
    rate = rate != null ? rate : "theta_dot";
    torque = torque != null ? torque : "torque";
    massKg = massKg != null ? massKg : 1.0;
    lengthM = lengthM != null ? lengthM : 1.0;
    gravity = gravity != null ? gravity : 10.0;
    energyGain = energyGain != null ? energyGain : 1.0;
    catchAngleRad = catchAngleRad != null ? catchAngleRad : 0.6;
    qAngle = qAngle != null ? qAngle : 10.0;
    qRate = qRate != null ? qRate : 1.0;
    rTorque = rTorque != null ? rTorque : 0.1;
    motor = motor != null ? motor : Optional.empty();
  }
}
