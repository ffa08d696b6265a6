package dev.foresight.config.sim;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.DcMotorConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How one emulated chip sees the simulated plant, and how realistic it is. Keyed by device name
 * under {@code sim.devices}.
 *
 * <pre>{@code
 * sim:
 *   devices:
 *     pivot: {measures: {angle: theta}, noise: {angle: 0.002}}
 *     motor: {drives: torque, speed: theta_dot, motor: {resistance_ohm: 2.2, torque_constant_nm_per_a: 0.0115}}
 * }</pre>
 *
 * @param measures     sensor channel -> plant variable it measures (state or observation); an
 *                     unbound channel reads the chip's at-rest value
 * @param drives       H-bridge: the plant action it drives (a torque through {@code motor}, or a
 *                     voltage directly)
 * @param speed        H-bridge: the plant state variable with the motor's output speed, rad/s,
 *                     for back-EMF
 * @param motor        H-bridge: the DC motor between the bridge and a torque action
 * @param noise        channel -> standard deviation of Gaussian noise, in the channel's SI unit,
 *                     added before the chip quantizes (replaces the chip's datasheet noise)
 * @param bias         channel -> constant offset, in the channel's SI unit
 * @param dropout      probability that one I2C transaction with the chip fails (a transient NACK)
 * @param latencyTicks actuator: plant steps between a command and its effect
 */
public record SimDeviceConfig(
    @JsonPropertyDescription("Sensor channel -> plant variable it measures") Map<String, String> measures,
    @JsonPropertyDescription("H-bridge: plant action it drives (torque via motor, or voltage)") Optional<String> drives,
    @JsonPropertyDescription("H-bridge: plant state variable with the output speed, rad/s") Optional<String> speed,
    @JsonPropertyDescription("H-bridge: the DC motor between bridge and torque") Optional<DcMotorConfig> motor,
    @JsonPropertyDescription("Channel -> noise standard deviation in the channel's SI unit") Map<String, Double> noise,
    @JsonPropertyDescription("Channel -> constant offset in the channel's SI unit") Map<String, Double> bias,
    @JsonPropertyDescription("Probability that one I2C transaction fails, 0..1") Double dropout,
    @JsonPropertyDescription("Actuator: plant steps between a command and its effect") Integer latencyTicks) {

  /** A chip that measures nothing in particular and is perfectly behaved. */
  public static final SimDeviceConfig DEFAULT = new SimDeviceConfig(null, null, null, null, null, null, null, null);

  public SimDeviceConfig {
    measures = copy(measures);
    drives = drives != null ? drives : Optional.empty();
    speed = speed != null ? speed : Optional.empty();
    motor = motor != null ? motor : Optional.empty();
    noise = copy(noise);
    bias = copy(bias);
    dropout = dropout != null ? dropout : 0.0;
    latencyTicks = latencyTicks != null ? latencyTicks : 0;
  }

  /** An unmodifiable copy in file order; null values are kept for the validator to report. */
  private static <V> Map<String, V> copy(Map<String, V> map) {
    return map != null ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
  }
}
