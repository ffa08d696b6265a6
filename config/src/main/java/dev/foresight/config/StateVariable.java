package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A named state variable: one element of the state vector the controller sees.
 *
 * @param name     identifier used in models, telemetry and recordings ([a-z][a-z0-9_]*)
 * @param unit     SI unit for people and plots, e.g. {@code rad}, {@code rad/s}, {@code m}
 * @param min      lowest physically plausible value (readings below are out of range)
 * @param max      highest physically plausible value
 * @param wrap     true for an angle wrapped to [-pi, pi): errors are taken the short way round
 * @param source   where the value comes from: {@code <device>.<channel>}, or {@code plant.<variable>}
 *                 for the simulator's perfect sensors
 * @param estimate {@code direct} copies the source; {@code rate} is its filtered time derivative
 */
public record StateVariable(
    @JsonProperty(required = true) @JsonPropertyDescription("Identifier: [a-z][a-z0-9_]*") String name,
    @JsonPropertyDescription("SI unit, e.g. rad, rad/s, m") String unit,
    @JsonPropertyDescription("Lowest plausible value; readings below are out of range") Double min,
    @JsonPropertyDescription("Highest plausible value; readings above are out of range") Double max,
    @JsonPropertyDescription("An angle wrapped to [-pi, pi): errors are taken the short way round") Boolean wrap,
    @JsonProperty(required = true)
        @JsonPropertyDescription("<device>.<channel>, or plant.<variable> for the simulator's perfect sensors")
        String source,
    @JsonPropertyDescription("direct copies the source; rate is its filtered time derivative")
        Estimate estimate) {

  public StateVariable {
    unit = unit != null ? unit : "";
    min = min != null ? min : Double.NEGATIVE_INFINITY;
    max = max != null ? max : Double.POSITIVE_INFINITY;
    wrap = wrap != null ? wrap : false;
    estimate = estimate != null ? estimate : Estimate.DIRECT;
  }
}
