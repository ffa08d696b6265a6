package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.sim.PlantType;
import dev.foresight.config.sim.PlantTypes;
import dev.foresight.config.sim.SimDeviceConfig;
import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimSupplyConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The simulator behind {@code hardware.platform: sim}.
 *
 * @param plant        which simulated plant drives the emulated hardware: a {@link PlantType}'s name
 * @param seed         seed for every random draw of the run (initial state, noise, faults)
 * @param paced        true: run at wall-clock speed; false: as fast as possible on a stepped clock
 * @param initialState initial plant state; empty means the plant's own random reset
 * @param parameters   plant parameters set to other values than the published ones (name: value)
 * @param randomize    plant parameters drawn per run from the seed (name: draw), applied after
 *                     {@code parameters}; a {@code scale} multiplies the value set there
 * @param devices      emulated chips: what each measures or drives, noise, bias, dropouts, latency
 * @param supply       the motor supply the emulated H-bridges draw from
 * @param faults       faults injected into the emulated hardware during the run
 */
public record SimConfig(
    @JsonProperty(required = true) @JsonDeserialize(using = PlantTypes.NameDeserializer.class)
        @JsonPropertyDescription("Simulated plant") String plant,
    @JsonPropertyDescription("Seed for every random draw of the run") Long seed,
    @JsonPropertyDescription("true: wall-clock speed; false: as fast as possible") Boolean paced,
    @JsonPropertyDescription("Initial plant state; empty means the plant's own random reset")
        List<Double> initialState,
    @JsonPropertyDescription("Plant parameters set to other values than the published ones (name: value)")
        Map<String, Double> parameters,
    @JsonPropertyDescription("Plant parameters drawn per run from the seed (name: {scale: [lo, hi]} or {range: [lo, hi]})")
        Map<String, ParameterDraw> randomize,
    @JsonPropertyDescription("Emulated chips by device name: what each measures or drives, and its realism")
        Map<String, SimDeviceConfig> devices,
    @JsonPropertyDescription("The motor supply the emulated H-bridges draw from") SimSupplyConfig supply,
    @JsonPropertyDescription("Faults injected into the emulated hardware") List<SimFaultConfig> faults) {

  public SimConfig {
    seed = seed != null ? seed : 1L;
    paced = paced != null ? paced : true;
    initialState = initialState != null ? List.copyOf(initialState) : List.of();
    parameters = parameters != null ? Collections.unmodifiableMap(new LinkedHashMap<>(parameters)) : Map.of();
    randomize = randomize != null ? Collections.unmodifiableMap(new LinkedHashMap<>(randomize)) : Map.of();
    devices = devices != null ? Collections.unmodifiableMap(new LinkedHashMap<>(devices)) : Map.of();
    supply = supply != null ? supply : SimSupplyConfig.DEFAULT;
    faults = faults != null ? List.copyOf(faults) : List.of();
  }

  /** How the named device's emulated chip is set up (a still, perfect chip when not listed). */
  public SimDeviceConfig device(String name) {
    SimDeviceConfig d = devices.get(name);
    return d != null ? d : SimDeviceConfig.DEFAULT;
  }

  /**
   * The simulator of one seeded, unpaced episode: the given seed and randomized parameters, the
   * plant's own random reset (no fixed initial state), everything else as it is.
   */
  public SimConfig forEpisode(long episodeSeed, Map<String, ParameterDraw> draws) {
    return new SimConfig(plant, episodeSeed, false, List.of(), parameters, draws, devices, supply, faults);
  }
}
