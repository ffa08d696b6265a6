package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/**
 * One PID loop: {@code u = kp e + ki integral(e) + kd de/dt} with {@code e = target - x}, the error
 * taken the short way round for wrapped state variables. The derivative acts on the measurement
 * (no kick when the target changes): it is {@code -rate} when a rate variable is named, otherwise
 * the change of {@code -x} per period. The integral is clamped to {@code integral_limit} and
 * frozen while the output is saturated (anti-windup); the output is clipped to the action limits.
 *
 * @param action        action variable driven
 * @param state         state variable regulated
 * @param target        value of {@code state} to regulate to
 * @param kp            proportional gain
 * @param ki            integral gain, per second
 * @param kd            derivative gain, in seconds
 * @param rate          state variable holding the time derivative of {@code state}, if there is one
 * @param integralLimit largest |integral of e| (state unit times seconds); absent: unlimited apart
 *                      from the freeze at saturation
 */
public record PidLoop(
    @JsonProperty(required = true) @JsonPropertyDescription("Action variable driven") String action,
    @JsonProperty(required = true) @JsonPropertyDescription("State variable regulated") String state,
    @JsonPropertyDescription("Value to regulate the state variable to") Double target,
    @JsonPropertyDescription("Proportional gain") Double kp,
    @JsonPropertyDescription("Integral gain, 1/s") Double ki,
    @JsonPropertyDescription("Derivative gain, s") Double kd,
    @JsonPropertyDescription("State variable holding the derivative of state (better than differencing)")
        Optional<String> rate,
    @JsonPropertyDescription("Largest |integral of the error|; absent means unlimited") Double integralLimit) {

  public PidLoop {
    target = target != null ? target : 0.0;
    kp = kp != null ? kp : 0.0;
    ki = ki != null ? ki : 0.0;
    kd = kd != null ? kd : 0.0;
    rate = rate != null ? rate : Optional.empty();
    integralLimit = integralLimit != null ? integralLimit : Double.POSITIVE_INFINITY;
  }
}
