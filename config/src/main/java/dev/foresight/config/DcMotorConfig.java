package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A brushed DC gear motor, quasi-static (the electrical time constant, about a millisecond, is far
 * below a control period): {@code i = (V - k N w) / R} and {@code tau = eta N k i}, with {@code w}
 * the output-shaft speed. In SI units the torque constant and the back-EMF constant are the same
 * number ({@code k}, N m/A = V s/rad). Used by the simulator (the motor it emulates) and by
 * controllers (the motor they believe in), so the two can differ the way a real motor and its
 * datasheet do.
 *
 * <p>From a datasheet: {@code R = V_rated / I_stall}, {@code k = V_rated / (N w_free)} (motor
 * shaft), {@code eta = tau_stall / (N k I_stall)}.
 *
 * @param resistanceOhm        winding resistance R
 * @param torqueConstantNmPerA torque constant k at the motor shaft (= back-EMF constant, V s/rad)
 * @param gearRatio            gearbox reduction N (motor turns per output turn)
 * @param efficiency           gearbox efficiency eta, in (0, 1]
 * @param frictionNm           Coulomb friction at the output shaft (simulation only)
 */
public record DcMotorConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("Winding resistance, ohm") Double resistanceOhm,
    @JsonProperty(required = true)
        @JsonPropertyDescription("Torque constant at the motor shaft, N m/A (equals the back-EMF constant in V s/rad)")
        Double torqueConstantNmPerA,
    @JsonPropertyDescription("Gearbox reduction (motor turns per output turn)") Double gearRatio,
    @JsonPropertyDescription("Gearbox efficiency, 0..1") Double efficiency,
    @JsonPropertyDescription("Coulomb friction at the output shaft, N m (simulation)") Double frictionNm) {

  public DcMotorConfig {
    gearRatio = gearRatio != null ? gearRatio : 1.0;
    efficiency = efficiency != null ? efficiency : 1.0;
    frictionNm = frictionNm != null ? frictionNm : 0.0;
  }

  /** Winding current for terminal voltage {@code volts} at output speed {@code outputRadPerS}, A. */
  public double currentA(double volts, double outputRadPerS) {
    return (volts - torqueConstantNmPerA * gearRatio * outputRadPerS) / resistanceOhm;
  }

  /** Output torque for a winding current, N m (before friction). */
  public double torqueNm(double currentA) {
    return efficiency * gearRatio * torqueConstantNmPerA * currentA;
  }

  /** Terminal voltage that produces {@code torqueNm} at output speed {@code outputRadPerS}, V. */
  public double volts(double torqueNm, double outputRadPerS) {
    double current = torqueNm / (efficiency * gearRatio * torqueConstantNmPerA);
    return current * resistanceOhm + torqueConstantNmPerA * gearRatio * outputRadPerS;
  }

  /** Stall torque at {@code volts}, N m. */
  public double stallTorqueNm(double volts) {
    return torqueNm(volts / resistanceOhm);
  }
}
