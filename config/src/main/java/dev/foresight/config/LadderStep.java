package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One rung of a failsafe ladder: the reaction that applies once a fault has persisted for
 * {@code afterMs}.
 *
 * @param reaction what the supervisor does
 * @param afterMs  how long the fault must have lasted for this rung to apply; the first rung has 0
 */
public record LadderStep(
    @JsonProperty(required = true) @JsonPropertyDescription("warn, hold, fallback or safe_stop") Reaction reaction,
    @JsonPropertyDescription("Fault duration in ms after which this rung applies; 0 for the first rung")
        Double afterMs) {

  public LadderStep {
    afterMs = afterMs != null ? afterMs : 0.0;
  }

  /** A rung that applies after {@code afterMs}. */
  public static LadderStep of(Reaction reaction, double afterMs) {
    return new LadderStep(reaction, afterMs);
  }
}
