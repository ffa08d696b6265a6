package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * How one plant parameter is drawn at the start of a simulated run (domain randomization). Give
 * exactly one of the two:
 *
 * <pre>
 *   sim:
 *     randomize:
 *       mass_pole: {scale: [0.8, 1.2]}    # the plant's value times a factor uniform in [0.8, 1.2)
 *       gravity: {range: [9.7, 9.9]}      # a value uniform in [9.7, 9.9)
 * </pre>
 *
 * @param scale {@code [low, high]}: multiply the parameter's value by a factor drawn uniformly
 * @param range {@code [low, high]}: draw the value itself uniformly
 */
public record ParameterDraw(
    @JsonPropertyDescription("[low, high]: multiply the plant's value by a factor drawn uniformly in this range")
        List<Double> scale,
    @JsonPropertyDescription("[low, high]: draw the value uniformly in this range") List<Double> range) {

  public ParameterDraw {
    scale = scale != null ? List.copyOf(scale) : List.of();
    range = range != null ? List.copyOf(range) : List.of();
  }

  /** True for a multiplicative draw ({@code scale}), false for an absolute one ({@code range}). */
  public boolean scaled() {
    return !scale.isEmpty();
  }

  /** The bounds in use: {@code scale} or {@code range}. */
  public List<Double> bounds() {
    return scaled() ? scale : range;
  }

  /** {@code scale [0.8, 1.2]} or {@code range [9.7, 9.9]}, for logs. */
  @Override
  public String toString() {
    return (scaled() ? "scale " : "range ") + bounds();
  }
}
