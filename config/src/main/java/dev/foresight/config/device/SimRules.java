package dev.foresight.config.device;

import dev.foresight.config.sim.SimFaultKind;
import java.util.Map;
import java.util.Set;

/**
 * What {@code sim.devices} and {@code sim.faults} may say about a device type, checked at load
 * (the emulation in the {@code sim} module implements the same facts).
 *
 * @param faults    the fault kinds its emulation can inject
 * @param drives    whether it may drive a plant action ({@code drives}, {@code speed}, {@code motor})
 * @param latency   whether commands may reach the plant late ({@code latency_ticks}): outputs only
 * @param unbound   channels that cannot be bound to a plant variable, with why (the chip or the
 *                  driver computes them from other channels)
 */
public record SimRules(Set<SimFaultKind> faults, boolean drives, boolean latency, Map<String, String> unbound) {

  /** A device the simulator knows nothing special about. */
  public static final SimRules NONE = new SimRules(Set.of(), false, false, Map.of());

  public SimRules {
    faults = Set.copyOf(faults);
    unbound = Map.copyOf(unbound);
  }

  /** Rules for a device that only takes these faults. */
  public static SimRules faults(Set<SimFaultKind> faults) {
    return new SimRules(faults, false, false, Map.of());
  }
}
