package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The simulator behind {@code hardware.platform: sim}.
 *
 * @param plant        which simulated plant drives the emulated hardware
 * @param seed         seed for every random draw of the run (initial state, noise, faults)
 * @param paced        true: run at wall-clock speed; false: as fast as possible on a stepped clock
 * @param initialState initial plant state; empty means the plant's own random reset
 */
public record SimConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("Simulated plant") PlantKind plant,
    @JsonPropertyDescription("Seed for every random draw of the run") Long seed,
    @JsonPropertyDescription("true: wall-clock speed; false: as fast as possible") Boolean paced,
    @JsonPropertyDescription("Initial plant state; empty means the plant's own random reset")
        List<Double> initialState) {

  public SimConfig {
    seed = seed != null ? seed : 1L;
    paced = paced != null ? paced : true;
    initialState = initialState != null ? List.copyOf(initialState) : List.of();
  }
}
