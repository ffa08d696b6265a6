package dev.foresight.config.sim;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/**
 * The simulated motor supply (a battery or bench supply) that the H-bridges draw from and an
 * INA219 measures.
 *
 * @param voltageV              open-circuit voltage; absent means the first H-bridge's
 *                              {@code supply_voltage_v} (12 V without one)
 * @param internalResistanceOhm source resistance: the supply sags by this times the current
 */
public record SimSupplyConfig(
    @JsonPropertyDescription("Open-circuit voltage, V; default: the first hbridge's supply_voltage_v")
        Optional<Double> voltageV,
    @JsonPropertyDescription("Source resistance, ohm: the voltage sags by this times the current")
        Double internalResistanceOhm) {

  /** Defaults: voltage from the H-bridge, 0.05 ohm source. */
  public static final SimSupplyConfig DEFAULT = new SimSupplyConfig(null, null);

  public SimSupplyConfig {
    voltageV = voltageV != null ? voltageV : Optional.empty();
    internalResistanceOhm = internalResistanceOhm != null ? internalResistanceOhm : 0.05;
  }
}
