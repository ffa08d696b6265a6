package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * State estimation from raw sensor values.
 *
 * @param rateCutoffHz cutoff of the first-order low-pass filter applied to {@code rate} estimates;
 *                     0 disables filtering
 */
public record EstimatorConfig(
    @JsonPropertyDescription("Low-pass cutoff in Hz for rate (derivative) estimates; 0 disables the filter")
        Double rateCutoffHz) {

  /** Defaults: rate estimates filtered at 20 Hz. */
  public static final EstimatorConfig DEFAULT = new EstimatorConfig(null);

  public EstimatorConfig {
    rateCutoffHz = rateCutoffHz != null ? rateCutoffHz : 20.0;
  }
}
